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
public sealed partial class InProcessWorld : IScenarioWorld
{
    public const string RiverHost = "fakeriver.test";
    public const string BackendHost = "backend.test";
    public const string ApiKey = "mr_test_scenario_key";
    public const string WebhookSecret = "scenario_webhook_secret";
    public static readonly DateTimeOffset Epoch = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private readonly WorldActivity _activity = new();
    private readonly VirtualClock _clock;
    private readonly WebApplication _backend;
    private readonly TestServer _backendServer;
    private FakeRiverServer? _river;

    private InProcessWorld()
    {
        _clock = new VirtualClock(Epoch, _activity);
        _backend = ChatBackendApp.Create([], new Dictionary<string, string?>
        {
            ["MODELRIVER_API_URL"] = $"http://{RiverHost}",
            ["MODELRIVER_API_KEY"] = ApiKey,
            ["BACKEND_PUBLIC_URL"] = $"http://{BackendHost}",
            ["WEBHOOK_SECRET"] = WebhookSecret,
        }, ConfigureBackend);
        _backendServer = _backend.GetTestServer();
    }

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
            o.InMemoryBaseAddress = new Uri($"http://{RiverHost}/");
            o.Workflows.Add(scenario.Workflow);
            o.WebhookFaults = scenario.Webhook;
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
        _ => null,
    };

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
    }

    [GeneratedRegex(@"status code:?\s*(\d{3})", RegexOptions.IgnoreCase)]
    private static partial Regex StatusInMessage();
}
