using System.Globalization;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using ChatBackend;
using FakeRiver.Scenarios.Hosting;
using FakeRiver.Scenarios.Model;
using FakeRiver.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FakeRiver.Scenarios.Running;

/// <summary>
/// FakeRiver and the embedded ChatBackend in memory on test servers, one virtual clock for both, every HTTP call
/// routed by host name (http://fakeriver.test, http://backend.test). Time moves only when the runner says so.
/// </summary>
internal sealed partial class InProcessWorld : IScenarioWorld
{
    public const string RiverHost = "fakeriver.test";
    public const string BackendHost = "backend.test";

    /// <summary>Where a forged callback URL points: another origin, answered by the <see cref="KeyTrap"/>.</summary>
    public const string TrapHost = "trap.test";
    public const string ApiKey = "mr_test_scenario_key";
    public const string WebhookSecret = "scenario_webhook_secret";
    public static readonly DateTimeOffset Epoch = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private readonly WorldActivity _activity = new();
    private readonly VirtualClock _clock;
    private readonly KeyTrap _trap = new(ApiKey);
    // The backend's SQLite file: the world's own, kept across a restart, deleted with the world.
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"scenario-backend-{Guid.NewGuid():N}.db");
    private WebApplication _backend;
    private volatile TestServer _backendServer;
    private FakeRiverServer? _river;

    private InProcessWorld()
    {
        _clock = new VirtualClock(Epoch, _activity);
        _backend = CreateBackend();
        _backendServer = _backend.GetTestServer();
    }

    public int KeyLeaks => _trap.KeyLeaks;

    public string? CannotRestartBackend => null;

    public TimeProvider Clock => _clock;

    public IServiceProvider River => RiverServer.Services;

    /// <summary>FakeRiver itself, started through the test fixture.</summary>
    public FakeRiverServer RiverServer => _river ?? throw new InvalidOperationException("The world has not started.");

    public ChatContract Chat => ChatContract.Default;

    public bool VirtualTime => true;

    public static async Task<InProcessWorld> StartAsync(Scenario scenario, int seed)
    {
        var world = new InProcessWorld();
        // FakeRiver through the same fixture a team uses in its own tests, on this world's clock and network.
        world._river = await FakeRiverServer.StartAsync(o =>
        {
            o.ApiKey = ApiKey;
            o.WebhookSecret = WebhookSecret;
            o.Seed = seed;
            // A scenario checks its request after hours of (virtual) webhook retries: keep it that long.
            o.Settings["FakeRiver:Retention:MaxAge"] = "1.00:00:00";
            o.InMemoryBaseAddress = new Uri($"http://{RiverHost}/");
            o.Workflows.Add(scenario.Workflow);
            o.WebhookFaults = scenario.WebhookPlan($"http://{TrapHost}/v1/callback/", world.RestartBackendAsync);
            o.Clock = world._clock;
            o.OutboundHandler = () => new HostRoutingHandler(world.Resolve, world._activity);
        });
        await world._backend.StartAsync();
        return world;
    }

    public HttpClient BackendClient() => new(new HostRoutingHandler(Resolve, _activity)) { BaseAddress = new($"http://{BackendHost}/") };

    public HttpClient RiverClient(bool tracked = true)
    {
        var client = new HttpClient(new HostRoutingHandler(Resolve, tracked ? _activity : null)) { BaseAddress = new($"http://{RiverHost}/") };
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiKey);
        return client;
    }

    public async Task<WebSocket> ConnectAsync(Uri uri, CancellationToken ct)
    {
        using var _ = _activity.Begin();
        try
        {
            return await RiverServer.ConnectWebSocketAsync(uri, ct);
        }
        catch (InvalidOperationException e) when (StatusInMessage().Match(e.Message) is { Success: true } m)
        {
            throw new UpgradeRefusedException(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), e.Message);
        }
    }

    public Task<bool> RunUntilAsync(Func<bool> done, TimeSpan cap, CancellationToken ct) =>
        new VirtualTimeDriver(_clock, _activity).RunUntilAsync(done, cap, ct);

    public IDisposable Busy() => _activity.Begin();

    public void Touch() => _activity.Touch();

    private HttpMessageHandler? Resolve(string host) => host switch
    {
        RiverHost => _river?.CreateHandler(),
        BackendHost => _backendServer.CreateHandler(),
        TrapHost => new KeyTrapHandler(_trap),
        _ => null,
    };

    private WebApplication CreateBackend() => ChatBackendApp.Create([], new Dictionary<string, string?>
    {
        ["MODELRIVER_API_URL"] = $"http://{RiverHost}",
        ["MODELRIVER_API_KEY"] = ApiKey,
        ["BACKEND_PUBLIC_URL"] = $"http://{BackendHost}",
        ["WEBHOOK_SECRET"] = WebhookSecret,
        ["CHATBACKEND_DB"] = _database,
    }, ConfigureBackend);

    /// <summary>Stops the backend and starts a new one on the same SQLite file (FakeRiver waits meanwhile).</summary>
    private async Task RestartBackendAsync(CancellationToken ct)
    {
        using var _ = _activity.Begin();
        await _backend.StopAsync(ct);
        await _backend.DisposeAsync();
        _backend = CreateBackend();
        await _backend.StartAsync(ct);
        _backendServer = _backend.GetTestServer();
    }

    private void ConfigureBackend(WebApplicationBuilder builder)
    {
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.Services.ConfigureHttpClientDefaults(client =>
            client.ConfigurePrimaryHttpMessageHandler(() => new HostRoutingHandler(Resolve, _activity)));
    }

    public async ValueTask DisposeAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _backend.StopAsync(patience.Token);
        if (_river is not null) await _river.DisposeAsync();
        await _backend.DisposeAsync();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            if (File.Exists(file)) File.Delete(file);
        }
    }

    [GeneratedRegex(@"status code:?\s*(\d{3})", RegexOptions.IgnoreCase)]
    private static partial Regex StatusInMessage();
}
