using System.Diagnostics.CodeAnalysis;

namespace FakeRiver.Api;

/// <summary>
/// The address a request came in on. websocket_url and callback_url point back there, so FakeRiver works on any
/// port or host name without configuration (docs/ARCHITECTURE.md 3.1: links point back at the address the request came in on).
/// </summary>
internal static class PublicAddress
{
    /// <summary>False when the Host header cannot form a URL (Kestrel lets some through, e.g. <c>x_y..z</c>).</summary>
    public static bool TryBaseUri(HttpRequest request, [NotNullWhen(true)] out Uri? baseUri) =>
        Uri.TryCreate($"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}/", UriKind.Absolute, out baseUri);

    /// <summary>The Phoenix socket mount, without the <c>/websocket</c> suffix (the client appends it).</summary>
    public static string WebSocketUrl(Uri baseUri)
    {
        var scheme = baseUri.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return $"{scheme}://{baseUri.Authority}{baseUri.AbsolutePath.TrimEnd('/')}/socket";
    }
}
