using System.Text;

namespace Contract.Hostile;

/// <summary>The committed known-bad inputs under <c>Hostile/corpus</c> (see its README.md), copied beside the tests.</summary>
public static class HostileCorpus
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Hostile", "corpus");

    public static IReadOnlyList<(string Name, byte[] Body)> Bodies() =>
        [.. Directory.GetFiles(Path.Combine(Root, "bodies")).Order(StringComparer.Ordinal)
            .Select(file => (Path.GetFileName(file), File.ReadAllBytes(file)))];

    /// <summary>The raw requests for <paramref name="app"/>, with placeholders filled in.</summary>
    public static IEnumerable<HttpInput> Requests(TargetApp app, string host, string auth, string channel)
    {
        var prefix = app == TargetApp.River ? "river-" : "backend-";
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "requests")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (!name.StartsWith(prefix, StringComparison.Ordinal) && !name.StartsWith("any-", StringComparison.Ordinal)) continue;
            yield return Load(name, app, File.ReadAllText(file, Encoding.Latin1), host, auth, channel);
        }
    }

    private static HttpInput Load(string name, TargetApp app, string text, string host, string auth, string channel)
    {
        var lines = text.Split('\n').ToList();
        var directives = lines.TakeWhile(l => l.StartsWith('#')).ToList();
        var raw = string.Join("\r\n", lines.Skip(directives.Count))
            .Replace("{{HOST}}", host, StringComparison.Ordinal)
            .Replace("{{AUTH}}", auth, StringComparison.Ordinal)
            .Replace("{{CHANNEL}}", channel, StringComparison.Ordinal);
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split >= 0)
        {
            var bodyLength = Encoding.Latin1.GetByteCount(raw[(split + 4)..]);
            raw = raw.Replace("{{LEN}}", bodyLength.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        var ending = directives.FirstOrDefault(d => d.StartsWith("#ending:", StringComparison.Ordinal)) switch
        {
            { } d when d.Contains("halfclose", StringComparison.Ordinal) => InputEnding.HalfClose,
            { } d when d.Contains("stall", StringComparison.Ordinal) => InputEnding.Stall,
            _ => InputEnding.Normal,
        };
        return new HttpInput($"corpus/{name}", app, Encoding.Latin1.GetBytes(raw))
        {
            Ending = ending,
            IsHead = directives.Contains("#head"),
            ProtocolFault = directives.Contains("#protocol"),
            MayCloseWithoutAnswer = directives.Contains("#may-close"),
            VersionNotSupported = directives.Contains("#version-not-supported"),
        };
    }
}
