using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace FakeRiver.Cli;

/// <summary>The arguments of <c>run</c>, their help text and the checks that span more than one of them.</summary>
internal static class RunArguments
{
    public static readonly Argument<string> Path = new("scenarios")
    {
        Description = "A scenario folder (every *.yaml in it) or one scenario file.",
    };

    public static readonly Option<string> Filter = new("--filter")
    {
        Description = "Run only the scenarios whose name contains this text (case-insensitive).",
        HelpName = "name",
    };

    public static readonly Option<int?> Seed = new("--seed")
    {
        Description = "Seed for every scenario (overrides the scenario's own seed); a non-negative integer.",
        HelpName = "n",
        CustomParser = result => Number(result, "--seed expects a non-negative integer", max: int.MaxValue),
    };

    public static readonly Option<string> JUnit = new("--junit")
    {
        Description = "Also write the verdicts as JUnit XML to this file.",
        HelpName = "file",
    };

    public static readonly Option<string> Html = new("--html")
    {
        Description = "Also write one self-contained HTML report (verdicts, timelines, token plots, failures) to this file.",
        HelpName = "file",
    };

    public static readonly Option<string> Out = new("--out")
    {
        Description = "Write one transcript per scenario (<name>.json) into this folder.",
        HelpName = "dir",
    };

    public static readonly Option<string> Backend = new("--backend")
    {
        Description = "Test a backend that is already running at this http URL on 127.0.0.1 or localhost (real time).",
        HelpName = "url",
    };

    public static readonly Option<string> BackendCommand = new("--backend-cmd")
    {
        Description = "Start the backend with this shell command (it gets PORT, MODELRIVER_API_URL, MODELRIVER_API_KEY, WEBHOOK_SECRET, BACKEND_PUBLIC_URL) and stop it afterwards.",
        HelpName = "command",
    };

    public static readonly Option<int?> RiverPort = new("--river-port")
    {
        Description = "With --backend: the port FakeRiver listens on, where that backend expects it (default 5080).",
        HelpName = "n",
        CustomParser = result => Number(result, "--river-port expects a port number", max: 65535),
    };

    public static readonly Option<string> ChatRoute = new("--chat-route")
    {
        Description = "The backend's chat route when it is not POST /chat, e.g. \"POST /api/chat\".",
        HelpName = "route",
    };

    public static readonly Option<string> ChatFieldMap = new("--chat-field-map")
    {
        Description = "Rename the chat request's fields for the backend, e.g. message=prompt,workflow=flow.",
        HelpName = "field=name,...",
    };

    /// <summary>The <c>run</c> command with its arguments; exit codes are the action's.</summary>
    public static Command Command()
    {
        var run = new Command("run", "Replay scenarios against the embedded ChatBackend in memory on virtual time (or against your backend) and print a verdict table. Exit code 0 = all passed, 1 = a scenario failed, 2 = bad input.");
        run.Arguments.Add(Path);
        foreach (var option in new Option[] { Filter, Seed, JUnit, Html, Out, Backend, BackendCommand, RiverPort, ChatRoute, ChatFieldMap })
            run.Options.Add(option);
        return run;
    }

    /// <summary>The options, or the reason they are wrong.</summary>
    public static (RunOptions? Options, string? Error) Read(ParseResult parse)
    {
        var seed = parse.GetValue(Seed);
        var backend = parse.GetValue(Backend);
        var command = parse.GetValue(BackendCommand);
        var port = parse.GetValue(RiverPort);
        if (backend is not null && command is not null) return (null, "give --backend or --backend-cmd, not both");
        if (backend is not null && !IsLoopbackHttp(backend)) return (null, $"--backend expects an http URL on 127.0.0.1 or localhost, got '{backend}'");
        if (port is not null && backend is null) return (null, "--river-port goes with --backend");
        return (new RunOptions(parse.GetValue(Path)!, parse.GetValue(Filter), seed, parse.GetValue(JUnit), parse.GetValue(Out))
        {
            Backend = backend is null ? null : new Uri(backend.EndsWith('/') ? backend : backend + "/"),
            BackendCommand = command,
            RiverPort = port ?? new Uri(DevDefaults.Url).Port,
            ChatRoute = parse.GetValue(ChatRoute),
            ChatFieldMap = parse.GetValue(ChatFieldMap),
            Html = parse.GetValue(Html),
        }, null);
    }

    // Digits only, as before System.CommandLine: "-1", "+3" and "1e3" are errors with the option's own message.
    private static int? Number(ArgumentResult result, string expects, int max)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= max && (max == int.MaxValue || n > 0)) return n;
        result.AddError($"{expects}, got '{text}'");
        return null;
    }

    // Network only to this machine: a scenario run must never send webhooks or keys elsewhere.
    private static bool IsLoopbackHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
}
