using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography;
using FakeRiver.Requests;
using FakeRiver.Scenarios.Model;
using FakeRiver.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FakeRiver.Scenarios.Running;

/// <summary>
/// FakeRiver on real Kestrel loopback and a backend in another process (any language), on real time: webhooks and
/// callbacks cross real sockets, the browser uses a real <see cref="ClientWebSocket"/>. Retry delays and the
/// callback timeout are scaled down so a scenario with minutes of waiting still takes seconds.
/// </summary>
internal sealed class LoopbackWorld : IScenarioWorld
{
    /// <summary>Turns the documented retry schedule (about 3 h 43 min to the dead letter) into about 2.7 s.</summary>
    public const double WebhookTimeScale = 0.0002;

    /// <summary>Five minutes would stall the run; three seconds still leaves a real backend ample time to call back.</summary>
    public static readonly TimeSpan CallbackTimeout = TimeSpan.FromSeconds(3);

    // Real time: look at the journals this often instead of being told when something changed.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly FakeRiverServer _river;
    private readonly LoopbackSettings _settings;
    private readonly KeyTrapServer? _trap;

    private LoopbackWorld(FakeRiverServer river, LoopbackSettings settings, KeyTrapServer? trap)
    {
        _river = river;
        _settings = settings;
        _trap = trap;
    }

    public int KeyLeaks => _trap?.Trap.KeyLeaks ?? 0;

    public string? CannotRestartBackend =>
        _settings.RestartBackend is null ? "not applicable: the runner cannot restart a backend given by URL (--backend); use --backend-cmd" : null;

    public TimeProvider Clock => TimeProvider.System;

    public IServiceProvider River => _river.Services;

    public ChatContract Chat => _settings.Chat;

    public bool VirtualTime => false;

    public static async Task<LoopbackWorld> StartAsync(Scenario scenario, int seed, LoopbackSettings settings)
    {
        // Only a scenario with a forged callback URL needs somewhere for it to point.
        var trap = scenario.ForgeCallbackUrl ? await KeyTrapServer.StartAsync(settings.ApiKey) : null;
        var river = await FakeRiverServer.StartAsync(o => ConfigureRiver(o, scenario, seed, settings, trap));
        return new LoopbackWorld(river, settings, trap);
    }

    public HttpClient BackendClient() => new() { BaseAddress = _settings.Backend, Timeout = TimeSpan.FromSeconds(15) };

    public HttpClient RiverClient(bool tracked = true)
    {
        var client = new HttpClient { BaseAddress = _settings.River, Timeout = TimeSpan.FromSeconds(15) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", _settings.ApiKey);
        return client;
    }

    public async Task<WebSocket> ConnectAsync(Uri uri, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        // Phoenix.js sends no heartbeat of its own at the WebSocket level; neither does the browser here.
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(uri, ct);
            return socket;
        }
        catch (WebSocketException e) when (socket.HttpStatusCode is var status && status != 0 && (int)status != 101)
        {
            socket.Dispose();
            throw new UpgradeRefusedException((int)status, e.Message);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Real waiting: poll until <paramref name="done"/> holds, bounded by the cap and the run's wall cap.</summary>
    public async Task<bool> RunUntilAsync(Func<bool> done, TimeSpan cap, CancellationToken ct)
    {
        var limit = Clock.GetTimestamp();
        while (!done())
        {
            if (Clock.GetElapsedTime(limit) > cap) return false;
            await Task.Delay(PollInterval, Clock, ct);
        }
        return true;
    }

    /// <summary>Time moves on its own here; nothing to hold back.</summary>
    public IDisposable Busy() => NoOp.Instance;

    public void Touch()
    {
        // Nobody waits for a quiet world in real time.
    }

    private static void ConfigureRiver(FakeRiverServerOptions o, Scenario scenario, int seed, LoopbackSettings settings, KeyTrapServer? trap)
    {
        o.Transport = FakeRiverTransport.Loopback;
        o.ApiKey = settings.ApiKey;
        o.WebhookSecret = settings.WebhookSecret;
        o.Seed = seed;
        o.Workflows.Add(scenario.Workflow);
        o.WebhookFaults = scenario.WebhookPlan((trap?.Url ?? "http://127.0.0.1:9/") + "v1/callback/", settings.RestartBackend);
        // The backend process was told where FakeRiver listens, so FakeRiver takes that address, not a free port.
        o.Settings["urls"] = settings.River.GetLeftPart(UriPartial.Authority);
        o.Settings["FakeRiver:WebhookTimeScale"] = WebhookTimeScale.ToString(CultureInfo.InvariantCulture);
        o.Settings["FakeRiver:CallbackTimeout"] = CallbackTimeout.ToString("c", CultureInfo.InvariantCulture);
        o.Settings["FakeRiver:WebhookAttemptTimeout"] = "00:00:05";
        // A scenario checks its request after the whole (scaled) webhook retry schedule: keep it that long.
        o.Settings["FakeRiver:Retention:MaxAge"] = "1.00:00:00";
        // Webhooks and an OpenAI-compatible upstream go over the real network, wherever the backend listens.
        o.OutboundHandler = () => new SocketsHttpHandler();
        o.ConfigureServices = services =>
        {
            services.AddTransient<IStartupFilter, CloseConnectionsFilter>();
            // A backend outlives scenarios (and runs) and dedupes webhooks by channel_id: skip a random stretch of the
            // seeded id stream so ids never repeat, while the seed still decides the simulated output.
            services.RemoveAll<RandomSource>();
            services.AddSingleton(_ =>
            {
                var random = new RandomSource(seed);
                for (var skip = RandomNumberGenerator.GetInt32(1, 1 << 16); skip > 0; skip--) random.NewUuid();
                return random;
            });
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _river.DisposeAsync();
        if (_trap is not null) await _trap.DisposeAsync();
    }

    private sealed class NoOp : IDisposable
    {
        public static readonly NoOp Instance = new();

        public void Dispose()
        {
            // Nothing was held.
        }
    }
}
