using System.Net;

namespace FakeRiver.Admin;

/// <summary>
/// Which <c>Host</c> / <c>Origin</c> authorities the admin API answers: the addresses FakeRiver listens on (a
/// loopback or wildcard binding accepts the loopback names <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c> on its
/// port), plus <see cref="AdminOptions.AllowedHosts"/>. A page on another site, or a DNS name rebound to 127.0.0.1,
/// sends its own name and is refused. With no network listener at all (an in-memory test server) the loopback
/// names are accepted on any port.
/// </summary>
public static class AdminHosts
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "::1"];

    /// <summary>True when <paramref name="host"/> names one of the allowed authorities.</summary>
    public static bool Allows(string? host, int? port, IReadOnlyCollection<string> listenAddresses, IEnumerable<string> extra)
    {
        if (string.IsNullOrEmpty(host)) return false;
        var name = Normalize(host);
        if (extra.Any(entry => MatchesEntry(entry, name, port))) return true;
        if (listenAddresses.Count == 0) return IsLoopbackName(name);
        foreach (var address in listenAddresses)
        {
            if (!TryParseAddress(address, out var listenName, out var listenPort) || port != listenPort) continue;
            if (IsLoopbackName(listenName) || IsWildcard(listenName) ? IsLoopbackName(name) : name == listenName) return true;
        }
        return false;
    }

    private static bool MatchesEntry(string entry, string name, int? port)
    {
        if (!Uri.TryCreate($"http://{entry}/", UriKind.Absolute, out var uri)) return false;
        var explicitPort = !uri.IsDefaultPort || entry.EndsWith(":80", StringComparison.Ordinal);
        return Normalize(uri.Host) == name && (!explicitPort || uri.Port == port);
    }

    private static bool TryParseAddress(string address, out string name, out int port)
    {
        name = "";
        port = 0;
        try
        {
            var binding = BindingAddress.Parse(address);
            name = Normalize(binding.Host);
            port = binding.Port;
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool IsLoopbackName(string name) =>
        LoopbackNames.Contains(name, StringComparer.Ordinal) || (IPAddress.TryParse(name, out var ip) && IPAddress.IsLoopback(ip));

    private static bool IsWildcard(string name) => name is "*" or "+" or "0.0.0.0" or "::";

    private static string Normalize(string host) => host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
}
