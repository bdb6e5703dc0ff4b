namespace FakeRiver;

/// <summary>
/// <c>FakeRiver:Cors</c>: browser origins allowed to call the public API directly (a page served from another port
/// in development). <value>Empty: CORS off, no preflight is answered.</value>
/// </summary>
public sealed class CorsSettings
{
    /// <summary>Origins such as <c>http://localhost:5173</c>, or <c>*</c> for any; a comma-separated string also works.</summary>
    public List<string> Origins { get; set; } = [];

    /// <summary>CORS is on when at least one origin is listed.</summary>
    public bool Enabled => Origins.Count > 0;

    /// <summary>An origin is <c>*</c> or scheme://host[:port], nothing more (the browser sends exactly that).</summary>
    public static bool IsOrigin(string origin) =>
        origin == "*" || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.AbsolutePath == "/" && !origin.EndsWith('/') && uri.Query.Length == 0);
}
