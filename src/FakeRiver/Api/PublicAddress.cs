using System.Diagnostics.CodeAnalysis;

namespace FakeRiver.Api;

/// <summary>
/// The address a request came in on. websocket_url and callback_url point back there, so FakeRiver works on any
/// port or host name without configuration (docs/ARCHITECTURE.md 3.1: links point back at the address the request came in on).
/// The last address seen is kept with its URI and socket URL (one entry, so any number of Host headers costs
/// nothing more): nearly every request comes in on the same one, and each would otherwise build both anew
/// (tests/Perf/results/profile-accept.md).
/// </summary>
internal static class PublicAddress
{
    private static LastAddress? _last;

    /// <summary>False when the Host header cannot form a URL (Kestrel lets some through, e.g. <c>x_y..z</c>).</summary>
    public static bool TryBaseUri(HttpRequest request, [NotNullWhen(true)] out Uri? baseUri)
    {
        var scheme = request.Scheme;
        var host = request.Host.Value;
        var pathBase = request.PathBase.Value;
        if (Volatile.Read(ref _last) is { } last && last.Matches(scheme, host, pathBase))
        {
            baseUri = last.BaseUri;
            return true;
        }
        if (!Uri.TryCreate($"{scheme}://{host}{pathBase}/", UriKind.Absolute, out baseUri)) return false;
        Volatile.Write(ref _last, new LastAddress(scheme, host, pathBase, baseUri, Build(baseUri)));
        return true;
    }

    /// <summary>The Phoenix socket mount, without the <c>/websocket</c> suffix (the client appends it).</summary>
    public static string WebSocketUrl(Uri baseUri) =>
        Volatile.Read(ref _last) is { } last && ReferenceEquals(last.BaseUri, baseUri) ? last.WebSocketUrl : Build(baseUri);

    private static string Build(Uri baseUri)
    {
        var scheme = baseUri.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return $"{scheme}://{baseUri.Authority}{baseUri.AbsolutePath.TrimEnd('/')}/socket";
    }

    /// <summary>An address as it came in (scheme, Host header, path base) and what it gives.</summary>
    private sealed record LastAddress(string Scheme, string? Host, string? PathBase, Uri BaseUri, string WebSocketUrl)
    {
        public bool Matches(string scheme, string? host, string? pathBase) =>
            string.Equals(Scheme, scheme, StringComparison.Ordinal)
            && string.Equals(Host, host, StringComparison.Ordinal)
            && string.Equals(PathBase ?? "", pathBase ?? "", StringComparison.Ordinal);
    }
}
