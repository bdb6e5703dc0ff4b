namespace FakeRiver;

/// <summary>Rules of the <c>/__admin</c> API (section <c>FakeRiver:Admin</c>); the bearer token is <see cref="FakeRiverOptions.AdminToken"/>.</summary>
public sealed class AdminOptions
{
    /// <summary>
    /// Let <c>POST /__admin/webhooks/send</c> sign caller-chosen data with the configured webhook secret. Off by
    /// default: anyone who can reach the admin API could otherwise mint webhooks a backend trusts. <value>false.</value>
    /// </summary>
    public bool AllowSignedSend { get; set; }

    /// <summary>
    /// Extra <c>host</c> or <c>host:port</c> values accepted in <c>Host</c> and <c>Origin</c> besides the addresses
    /// FakeRiver listens on (an in-memory test host name, a name behind a reverse proxy).
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>An <see cref="AllowedHosts"/> entry: a host name or IP, optionally <c>:port</c>; no scheme, no path.</summary>
    public static bool IsValidHostEntry(string entry) =>
        !string.IsNullOrWhiteSpace(entry) && !entry.Contains("://", StringComparison.Ordinal) && !entry.Contains('/')
        && Uri.TryCreate($"http://{entry}/", UriKind.Absolute, out var uri) && uri.AbsolutePath == "/";
}
