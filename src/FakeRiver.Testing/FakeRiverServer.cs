using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using FakeRiver.Hosting;
using FakeRiver.Testing.Admin;
using FakeRiver.Workflows;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace FakeRiver.Testing;

/// <summary>
/// FakeRiver inside a test: <c>await using var river = await FakeRiverServer.StartAsync(o => { ... });</c> starts
/// the real gateway (async API, signed webhooks, callbacks, Phoenix stream, admin journals) in memory or on a free
/// loopback port, on the system clock or a virtual one. Each instance is independent; dispose it at the end of the
/// test. Journals, waits and the stream client are in the other parts of this class.
/// </summary>
public sealed partial class FakeRiverServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestServer? _testServer;
    private int _disposed;
    private HttpClient? _adminHttp;
    private FakeRiverAdmin? _admin;

    private FakeRiverServer(WebApplication app, FakeRiverServerOptions options, TimeProvider clock)
    {
        _app = app;
        Options = options;
        Clock = clock;
        _testServer = options.Transport == FakeRiverTransport.InMemory ? app.GetTestServer() : null;
        BaseAddress = _testServer is not null
            ? options.InMemoryBaseAddress
            : new Uri(FakeRiverApp.ListeningUrl(app).TrimEnd('/') + "/");
    }

    /// <summary>The options the server was started with.</summary>
    public FakeRiverServerOptions Options { get; }

    /// <summary>FakeRiver's base address, ending in <c>/</c> (in memory: <see cref="FakeRiverServerOptions.InMemoryBaseAddress"/>).</summary>
    public Uri BaseAddress { get; }

    /// <summary><see cref="BaseAddress"/> without the trailing slash, as a backend's <c>MODELRIVER_API_URL</c> wants it.</summary>
    public string Url => BaseAddress.ToString().TrimEnd('/');

    /// <summary>True when the server runs in memory (use <see cref="CreateHandler"/> or <see cref="CreateClient"/> to reach it).</summary>
    public bool IsInMemory => _testServer is not null;

    /// <summary>The bearer key FakeRiver accepts.</summary>
    public string ApiKey => Options.ApiKey;

    /// <summary>The secret FakeRiver signs webhooks with.</summary>
    public string WebhookSecret => Options.WebhookSecret;

    /// <summary>The project every request belongs to.</summary>
    public string ProjectId => Options.ProjectId;

    /// <summary>FakeRiver's clock.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The virtual clock when FakeRiver runs on one (<see cref="FakeRiverServerOptions.UseVirtualTime"/>), else null.</summary>
    public FakeTimeProvider? VirtualClock => Clock as FakeTimeProvider;

    /// <summary>FakeRiver's services (its stores and journals), for what the typed accessors do not cover.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The in-memory server, or null on loopback.</summary>
    public TestServer? TestServer => _testServer;

    /// <summary>Starts FakeRiver and returns once it accepts requests; a bad option or workflow throws here.</summary>
    /// <param name="configure">Adjusts the options; null keeps every default.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<FakeRiverServer> StartAsync(Action<FakeRiverServerOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new FakeRiverServerOptions();
        configure?.Invoke(options);
        options.Validate();
        var clock = options.Clock ?? TimeProvider.System;
        var catalog = LoadCatalog(options);
        var app = FakeRiverApp.Create([], builder => Configure(builder, options, clock, catalog));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new FakeRiverServer(app, options, clock);
    }

    /// <summary>Moves the virtual clock on, firing every timer due by then (streams, retries, timeouts).</summary>
    /// <param name="by">How far; must not be negative.</param>
    /// <exception cref="InvalidOperationException">FakeRiver runs on a clock the test does not control.</exception>
    public void Advance(TimeSpan by) =>
        (VirtualClock ?? throw new InvalidOperationException("FakeRiver runs on the system clock; start it with UseVirtualTime() to advance time."))
        .Advance(by);

    /// <summary>A handler that reaches FakeRiver: in memory the test server's own, on loopback a socket handler.</summary>
    public HttpMessageHandler CreateHandler() => _testServer?.CreateHandler() ?? new SocketsHttpHandler();

    /// <summary>An <see cref="HttpClient"/> for FakeRiver with <see cref="BaseAddress"/> and, by default, the API key.</summary>
    /// <param name="authorized">False leaves out the <c>Authorization: Bearer</c> header.</param>
    public HttpClient CreateClient(bool authorized = true)
    {
        var client = new HttpClient(CreateHandler()) { BaseAddress = BaseAddress };
        if (authorized) client.DefaultRequestHeaders.Authorization = new("Bearer", ApiKey);
        return client;
    }

    /// <summary>Opens a WebSocket to FakeRiver (in memory or over loopback); the caller owns it.</summary>
    /// <param name="uri">A <c>ws://</c> URI, e.g. from <see cref="PhoenixStreamClient.SocketUri"/>.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    public async Task<WebSocket> ConnectWebSocketAsync(Uri uri, CancellationToken cancellationToken = default)
    {
        if (_testServer is not null) return await _testServer.CreateWebSocketClient().ConnectAsync(uri, cancellationToken);
        var socket = new ClientWebSocket();
        // phoenix.js sends no WebSocket-level keep-alive either.
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        try
        {
            await socket.ConnectAsync(uri, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The typed <c>/__admin</c> client over HTTP (workflows, faults, redelivery, reset), unscoped.</summary>
    public FakeRiverAdmin Admin => _admin ??= new FakeRiverAdmin(_adminHttp ??= CreateClient(authorized: false));

    /// <summary>Workflows at run time: <c>await river.Workflows.PutAsync("name", yaml)</c>.</summary>
    public RiverWorkflows Workflows => Admin.Workflows;

    /// <summary>Faults at run time: <c>await river.Faults.AddProviderFaultAsync("name", status: 503, times: 2)</c>.</summary>
    public RiverFaults Faults => Admin.Faults;

    /// <summary>Empties every store and journal, as <c>POST /__admin/reset</c> does.</summary>
    public void Reset()
    {
        foreach (var resettable in Services.GetServices<FakeRiver.Admin.IAdminResettable>()) resettable.Reset();
    }

    /// <summary>Stops FakeRiver (bounded to 5 s) and releases it. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _adminHttp?.Dispose();
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _app.StopAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                // Background work that ignores cancellation: disposal below still tears the host down.
            }
        }
        await _app.DisposeAsync();
    }

    private static WorkflowCatalog? LoadCatalog(FakeRiverServerOptions options) =>
        options.WorkflowsYaml is { } yaml ? WorkflowFileLoader.Load(yaml, "workflows.yaml")
        : options.Workflows.Count > 0 ? new WorkflowCatalog(options.Workflows)
        : null;

    private static void Configure(WebApplicationBuilder builder, FakeRiverServerOptions options, TimeProvider clock, WorkflowCatalog? catalog)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["MODELRIVER_API_KEY"] = options.ApiKey,
            ["WEBHOOK_SECRET"] = options.WebhookSecret,
            ["FakeRiver:ProjectId"] = options.ProjectId,
            ["FakeRiver:Seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            ["FakeRiver:WebhookUrl"] = options.WebhookUrl,
        };
        // Kestrel picks a free port for :0 and reports it once started: no port race with other tests.
        if (options.Transport == FakeRiverTransport.Loopback) settings["urls"] = "http://127.0.0.1:0";
        // In memory the test reaches FakeRiver by this name, which /__admin would otherwise refuse (it checks Host
        // against the listen addresses; README.md, "Security and limits"). A high index leaves 0.. to the test.
        else settings["FakeRiver:Admin:AllowedHosts:1000"] = options.InMemoryBaseAddress.Authority;
        foreach (var (key, value) in options.Settings) settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        if (options.Transport == FakeRiverTransport.InMemory) builder.WebHost.UseTestServer();

        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);

        var services = builder.Services;
        services.RemoveAll<TimeProvider>();
        services.AddSingleton(clock);
        if (catalog is not null)
        {
            services.RemoveAll<WorkflowCatalog>();
            services.AddSingleton(catalog);
        }
        services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() =>
            options.OutboundHandler?.Invoke() ?? new InMemoryRouter(host => Resolve(options, host))));
        services.AddWebhookFaults(options.WebhookFaults);
        options.ConfigureServices?.Invoke(services);
    }

    private static HttpMessageHandler? Resolve(FakeRiverServerOptions options, string host)
    {
        foreach (var route in options.Routes)
        {
            if (route(host) is { } handler) return handler;
        }
        return null;
    }
}
