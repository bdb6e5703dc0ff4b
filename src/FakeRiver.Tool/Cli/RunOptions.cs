using System.Globalization;

namespace FakeRiver.Cli;

/// <summary>
/// Arguments of <c>run</c>: a scenario folder or file, then --filter, --seed, --junit, --out, and the backend to test
/// (--backend / --backend-cmd with --river-port, --chat-route, --chat-field-map; the embedded ChatBackend when none).
/// </summary>
public sealed record RunOptions(string Path, string? Filter, int? Seed, string? JUnit, string? Out)
{
    public const string Usage = "FakeRiver run <scenario folder or file> [--filter <name>] [--seed <n>] [--junit <file>] [--html <file>] [--out <dir>]\n"
        + "    [--backend <url> [--river-port <n>] | --backend-cmd \"<command>\"] [--chat-route <path>] [--chat-field-map <field>=<name>,...]";

    /// <summary>A running backend's base URL (FakeRiver then listens on 127.0.0.1:<see cref="RiverPort"/>).</summary>
    public Uri? Backend { get; init; }

    /// <summary>A command that starts the backend; the runner starts and stops it.</summary>
    public string? BackendCommand { get; init; }

    /// <summary>Where FakeRiver listens for a --backend that was told its URL: the dev default, 5080.</summary>
    public int RiverPort { get; init; } = new Uri(DevDefaults.Url).Port;

    public string? ChatRoute { get; init; }

    /// <summary>Where to write the self-contained HTML report (verdicts, timelines, token plots, failures).</summary>
    public string? Html { get; init; }

    public string? ChatFieldMap { get; init; }

    /// <summary>The options, or the reason they are wrong.</summary>
    public static (RunOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? path = null, filter = null, junit = null, html = null, output = null, backend = null, command = null, route = null, map = null, port = null;
        int? seed = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (path is not null) return (null, $"unexpected argument '{arg}'");
                path = arg;
                continue;
            }
            if (i + 1 >= args.Count) return (null, $"{arg} needs a value");
            var value = args[++i];
            switch (arg)
            {
                case "--filter": filter = value; break;
                case "--junit": junit = value; break;
                case "--html": html = value; break;
                case "--out": output = value; break;
                case "--backend": backend = value; break;
                case "--backend-cmd": command = value; break;
                case "--river-port": port = value; break;
                case "--chat-route": route = value; break;
                case "--chat-field-map": map = value; break;
                case "--seed" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n): seed = n; break;
                case "--seed": return (null, $"--seed expects a non-negative integer, got '{value}'");
                default: return (null, $"unknown option '{arg}'");
            }
        }
        if (path is null) return (null, "missing the scenario folder or file");
        if (backend is not null && command is not null) return (null, "give --backend or --backend-cmd, not both");
        if (backend is not null && !IsLoopbackHttp(backend)) return (null, $"--backend expects an http URL on 127.0.0.1 or localhost, got '{backend}'");
        var riverPort = new Uri(DevDefaults.Url).Port;
        if (port is not null && (backend is null || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out riverPort) || riverPort is 0 or > 65535))
            return (null, backend is null ? "--river-port goes with --backend" : $"--river-port expects a port number, got '{port}'");
        return (new RunOptions(path, filter, seed, junit, output)
        {
            Backend = backend is null ? null : new Uri(backend.EndsWith('/') ? backend : backend + "/"),
            BackendCommand = command,
            RiverPort = riverPort,
            ChatRoute = route,
            ChatFieldMap = map,
            Html = html,
        }, null);
    }

    // Network only to this machine: a scenario run must never send webhooks or keys elsewhere.
    private static bool IsLoopbackHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
}
