namespace FakeRiver.Cli;

/// <summary>
/// What <c>run</c> was asked to do: a scenario folder or file, then --filter, --seed, --junit, --out, and the backend
/// to test (--backend / --backend-cmd with --river-port, --chat-route, --chat-field-map; the embedded ChatBackend when
/// none). <see cref="RunArguments"/> parses and checks them.
/// </summary>
internal sealed record RunOptions(string Path, string? Filter, int? Seed, string? JUnit, string? Out)
{
    /// <summary>A running backend's base URL (FakeRiver then listens on 127.0.0.1:<see cref="RiverPort"/>).</summary>
    public Uri? Backend { get; init; }

    /// <summary>A command that starts the backend; the runner starts and stops it.</summary>
    public string? BackendCommand { get; init; }

    /// <summary>Where FakeRiver listens for a --backend that was told its URL: the dev default, 5080.</summary>
    public int RiverPort { get; init; } = new Uri(DevDefaults.Url).Port;

    /// <summary>The backend's chat route when it is not POST /chat.</summary>
    public string? ChatRoute { get; init; }

    /// <summary>Where to write the self-contained HTML report (verdicts, timelines, token plots, failures).</summary>
    public string? Html { get; init; }

    /// <summary>Renames of the chat request's fields, <c>field=name,...</c>.</summary>
    public string? ChatFieldMap { get; init; }
}
