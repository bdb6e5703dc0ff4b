using FakeRiver.Cli;
using FakeRiver.Hosting;

// Subcommands: (none) or "serve" runs FakeRiver alone; "dev" runs FakeRiver + ChatBackend together;
// "run <scenarios>" replays scenarios in memory and exits 0 (all pass), 1 (a failure) or 2 (bad input).
// Everything after the subcommand is ASP.NET Core configuration (--urls, --FakeRiver:Seed=7, --config file.yaml).
var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
var rest = command == "serve" && (args.Length == 0 || args[0].StartsWith('-')) ? args : args[1..];

return command switch
{
    "serve" => await StartupErrors.GuardAsync(() => ServeAsync(rest)),
    "dev" => await StartupErrors.GuardAsync(() => DevCommand.RunAsync(rest)),
    "run" => await RunCommand.RunAsync(rest),
    _ => Usage(command),
};

static async Task<int> ServeAsync(string[] args)
{
    var app = FakeRiverApp.Create(args);
    await app.StartAsync();
    var url = FakeRiverApp.ListeningUrl(app);
    Console.WriteLine($"FakeRiver {url}   dashboard {url}{FakeRiver.Dashboard.DashboardEndpoints.Path}   admin {url}/__admin/requests");
    await app.WaitForShutdownAsync();
    return 0;
}

static int Usage(string command)
{
    Console.Error.WriteLine($"""
        Unknown command '{command}'.
        Usage: FakeRiver [serve] [--urls http://127.0.0.1:5080] [--config workflows.yaml]
               FakeRiver dev     [--urls ...]   (FakeRiver + ChatBackend on PORT, default 4000)
               {RunOptions.Usage}
        """);
    return 2;
}
