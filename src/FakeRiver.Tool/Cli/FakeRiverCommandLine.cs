using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using FakeRiver.Hosting;

namespace FakeRiver.Cli;

/// <summary>
/// The <c>fakeriver</c> command line: <c>serve</c> (also what runs when no command is given), <c>dev</c> and
/// <c>run</c>, with --help and --version. Exit code 2 and the usage on stderr for anything the parser does not
/// know; the commands keep their own exit codes (run: 0 passed, 1 failed, 2 bad input; a start-up failure: 2).
/// </summary>
internal static class FakeRiverCommandLine
{
    public const int BadUsage = 2;

    public static async Task<int> InvokeAsync(string[] args)
    {
        var root = CreateRoot();
        var parse = root.Parse(args);
        var command = parse.CommandResult.Command;
        // Help, --version and directives have actions of their own and need no further checks.
        var checks = parse.Action is ParseErrorAction || ReferenceEquals(parse.Action, command.Action);
        var error = !checks ? null
            : parse.Errors.Count > 0 ? parse.Errors[0].Message
            : parse.UnmatchedTokens.Count == 0 ? null
            // The parser only rejects unmatched tokens by the root command's rule, which lets configuration through.
            : command.TreatUnmatchedTokensAsErrors ? $"Unrecognized command or argument '{parse.UnmatchedTokens[0]}'."
            : HostArguments.Error(parse);
        if (error is not null) return await UsageAsync(root, command, error);
        // Ctrl+C belongs to the web host (a graceful stop), not to the parser's own termination handling.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
    }

    private static RootCommand CreateRoot()
    {
        var root = new RootCommand("""
            FakeRiver: a local twin of the ModelRiver AI gateway (async API, signed webhooks, event-driven callback,
            WebSocket token stream). With no command, serves FakeRiver like 'serve'.
            """);
        HostArguments.AddTo(root);
        root.SetAction((parse, _) => ServeAsync(parse));

        var serve = new Command("serve", $"Run the FakeRiver gateway alone (default when no command is given), on {DevDefaults.Url} unless --urls says otherwise.");
        HostArguments.AddTo(serve);
        serve.SetAction((parse, _) => ServeAsync(parse));

        var dev = new Command("dev", "Run FakeRiver and the reference ChatBackend in one process, wired to each other (ChatBackend on PORT, default 4000).");
        HostArguments.AddTo(dev);
        dev.SetAction((parse, _) => StartupErrors.GuardAsync(() => DevCommand.RunAsync(HostArguments.For(parse))));

        var nodes = new Option<int>("--nodes") { Description = "How many FakeRiver nodes to start (1-64).", Required = true };
        var redis = new Option<string>("--redis") { Description = "The Redis the nodes share (a StackExchange.Redis connection string, e.g. 127.0.0.1:6379).", Required = true };
        var cluster = new Command("cluster", "Run N FakeRiver nodes sharing state in Redis behind a YARP round-robin front on --urls (README \"Cluster\").");
        cluster.Options.Add(nodes);
        cluster.Options.Add(redis);
        HostArguments.AddTo(cluster);
        cluster.SetAction((parse, _) => StartupErrors.GuardAsync(() => ClusterCommand.RunAsync(
            ["--nodes", parse.GetValue(nodes).ToString(System.Globalization.CultureInfo.InvariantCulture), "--redis", parse.GetValue(redis)!, .. HostArguments.For(parse)])));

        var run = RunArguments.Command();
        run.SetAction((parse, _) => RunAsync(root, run, parse));

        root.Subcommands.Add(serve);
        root.Subcommands.Add(dev);
        root.Subcommands.Add(cluster);
        root.Subcommands.Add(run);
        foreach (var help in root.Options.OfType<HelpOption>())
            if (help.Action is HelpAction standard) help.Action = new ConfigurationHelpAction(standard);
        return root;
    }

    private static Task<int> ServeAsync(ParseResult parse) => StartupErrors.GuardAsync(async () =>
    {
        var app = FakeRiverApp.Create(HostArguments.For(parse), StartupErrors.ReportOnce);
        await app.StartAsync();
        var url = FakeRiverApp.ListeningUrl(app);
        Console.WriteLine($"FakeRiver {url}   dashboard {url}{FakeRiver.Dashboard.DashboardEndpoints.Path}   admin {url}/__admin/requests");
        await app.WaitForShutdownAsync();
        return 0;
    });

    private static async Task<int> RunAsync(RootCommand root, Command run, ParseResult parse)
    {
        var (options, error) = RunArguments.Read(parse);
        return options is null ? await UsageAsync(root, run, error!) : await RunCommand.RunAsync(options);
    }

    // The error, then the command's own --help text, all on stderr.
    private static async Task<int> UsageAsync(RootCommand root, Command command, string error)
    {
        await Console.Error.WriteLineAsync(error);
        await Console.Error.WriteLineAsync();
        string[] help = ReferenceEquals(command, root) ? ["--help"] : [command.Name, "--help"];
        await root.Parse(help).InvokeAsync(new InvocationConfiguration { Output = Console.Error });
        return BadUsage;
    }
}
