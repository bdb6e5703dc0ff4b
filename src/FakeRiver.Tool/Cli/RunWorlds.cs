using FakeRiver.Scenarios.Model;
using FakeRiver.Scenarios.Running;

namespace FakeRiver.Cli;

/// <summary>
/// Chooses where <c>run</c> plays its scenarios: in process (default), against a running backend (--backend) or
/// against one the runner starts (--backend-cmd, stopped again when the run ends).
/// </summary>
internal sealed class RunWorlds : IAsyncDisposable
{
    // The command's backend and FakeRiver agree on these; they only live as long as the run.
    private const string CommandApiKey = "mr_test_runner_key";
    private const string CommandWebhookSecret = "runner_webhook_secret";

    private BackendProcess? _process;
    private string? _dataDir;
    private Func<CancellationToken, Task<BackendProcess>>? _restart;

    private RunWorlds() { }

    /// <summary>The world factory for <see cref="ScenarioRunner"/>; null means in process.</summary>
    public Func<Scenario, int, Task<IScenarioWorld>>? Create { get; private set; }

    /// <summary>Prepares the backend; throws <see cref="BackendStartException"/> when it is not there or never comes up.</summary>
    public static async Task<RunWorlds> PrepareAsync(RunOptions options, ChatContract chat, CancellationToken ct)
    {
        if (options.Backend is { } url)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            if (!await BackendProbe.AnswersAsync(http, url, ct)) throw new BackendStartException($"the backend at {url} does not answer HTTP");
            var settings = new LoopbackSettings(url, options.RiverPort, Env("MODELRIVER_API_KEY", DevDefaults.ApiKey),
                Env("WEBHOOK_SECRET", DevDefaults.WebhookSecret), chat);
            return new RunWorlds { Create = Loopback(settings) };
        }
        if (options.BackendCommand is not { } command) return new RunWorlds();

        var backendPort = FreePort.Next();
        var backend = new Uri($"http://127.0.0.1:{backendPort}/");
        var river = FreePort.Next();
        var worlds = new RunWorlds { _dataDir = Directory.CreateTempSubdirectory("fakeriver-backend-").FullName };
        var commandSettings = new LoopbackSettings(backend, river, CommandApiKey, CommandWebhookSecret, chat, worlds.RestartAsync);
        var env = new Dictionary<string, string>
        {
            ["PORT"] = backendPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MODELRIVER_API_URL"] = commandSettings.River.GetLeftPart(UriPartial.Authority),
            ["MODELRIVER_API_KEY"] = CommandApiKey,
            ["WEBHOOK_SECRET"] = CommandWebhookSecret,
            ["BACKEND_PUBLIC_URL"] = backend.GetLeftPart(UriPartial.Authority),
            // A folder of this run's own for whatever the backend keeps; it survives the restart step.
            ["DATA_DIR"] = worlds._dataDir,
        };
        worlds.Create = Loopback(commandSettings);
        worlds._restart = ct => BackendProcess.StartAsync(command, backend, env, ct);
        try
        {
            worlds._process = await BackendProcess.StartAsync(command, backend, env, ct);
        }
        catch
        {
            await worlds.DisposeAsync();
            throw;
        }
        return worlds;
    }

    /// <summary>The restart step: kill the backend's process tree, start the command again with the same environment.</summary>
    private async Task RestartAsync(CancellationToken ct)
    {
        if (_process is not null) await _process.DisposeAsync();
        _process = await _restart!(ct);
    }

    /// <summary>The started backend's last output, for a failed run; empty otherwise.</summary>
    public string BackendOutput => _process?.Output ?? "";

    public async ValueTask DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        if (_dataDir is not null && Directory.Exists(_dataDir)) Directory.Delete(_dataDir, recursive: true);
    }

    private static Func<Scenario, int, Task<IScenarioWorld>> Loopback(LoopbackSettings settings) =>
        async (scenario, seed) => await LoopbackWorld.StartAsync(scenario, seed, settings);

    private static string Env(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
