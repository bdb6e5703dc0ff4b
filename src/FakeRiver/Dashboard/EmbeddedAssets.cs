using System.Collections.Concurrent;
using System.Reflection;

namespace FakeRiver.Dashboard;

/// <summary>
/// Static files compiled into the assembly (EmbeddedResource items named <c>FakeRiver.ui.&lt;file&gt;</c>): the
/// dashboard works offline, from a single binary, with no CDN and no build step.
/// </summary>
public static class EmbeddedAssets
{
    private const string Prefix = "FakeRiver.ui.";
    private static readonly ConcurrentDictionary<string, byte[]?> Cache = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    /// <summary>The file's bytes and content type; null for a name that is not embedded (or not a plain file name).</summary>
    public static (byte[] Bytes, string ContentType)? Find(string file)
    {
        if (file.Length == 0 || file.Contains('/') || file.Contains('\\') || !ContentTypes.TryGetValue(Path.GetExtension(file), out var type))
            return null;
        var bytes = Cache.GetOrAdd(file, static name =>
        {
            using var stream = typeof(EmbeddedAssets).Assembly.GetManifestResourceStream(Prefix + name);
            if (stream is null) return null;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
        return bytes is null ? null : (bytes, type);
    }
}
