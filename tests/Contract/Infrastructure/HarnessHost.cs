using ChatBackend;
using FakeRiver.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Contract.Infrastructure;

/// <summary>
/// FakeRiver and ChatBackend in one test, in memory: FakeRiver through the FakeRiver.Testing fixture, ChatBackend
/// under WebApplicationFactory, sharing one FakeTimeProvider, with every HTTP call between them routed by host name (http://fakeriver.test,
/// http://backend.test). Each test builds its own, so no state leaks between tests.
/// </summary>
public sealed class HarnessHost : IAsyncDisposable
{
    public const string RiverHost = "fakeriver.test";
    public const string BackendHost = "backend.test";
    public static readonly Uri RiverUri = new($"http://{RiverHost}/");
    public static readonly Uri BackendUri = new($"http://{BackendHost}/");
    public const string ApiKey = "mr_test_harness_key";
    public const string WebhookSecret = "harness_webhook_secret";

    // The backend's SQLite file: each host its own, or seeded channel ids would look processed to the next test.
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"harness-backend-{Guid.NewGuid():N}.db");

    private HarnessHost(HarnessOptions options)
    {
        Options = options;
        // Started off the test's synchronization context: Start is synchronous for the tests' sake.
        River = new HarnessRiver(Task.Run(() => FakeRiverServer.StartAsync(ConfigureRiver)).GetAwaiter().GetResult());
        Backend = options.WithBackend ? new WebApplicationFactory<ChatBackendEntry>().WithWebHostBuilder(ConfigureBackend) : null;
    }

    public HarnessOptions Options { get; }

    /// <summary>Virtual time of both apps; starts at a fixed instant so runs repeat.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));

    /// <summary>FakeRiver, started by <see cref="FakeRiverServer"/> in memory on <see cref="Clock"/>.</summary>
    public HarnessRiver River { get; }

    public WebApplicationFactory<ChatBackendEntry>? Backend { get; }

    public static HarnessHost Start(HarnessOptions? options = null)
    {
        var host = new HarnessHost(options ?? new HarnessOptions());
        _ = host.Backend?.Server; // start now: start-up validation errors surface here, not in the middle of a test
        return host;
    }

    /// <summary>FakeRiver alone (the test plays the backend) on the instant test workflows.</summary>
    public static HarnessHost StartRiverOnly() =>
        Start(new HarnessOptions { WithBackend = false, WorkflowYaml = TestWorkflows.Instant });

    /// <summary>An HttpClient that talks to FakeRiver (Bearer key set).</summary>
    public HttpClient RiverClient(bool authorized = true)
    {
        var client = new HttpClient(new HostRoutingHandler(Resolve)) { BaseAddress = RiverUri };
        if (authorized) client.DefaultRequestHeaders.Authorization = new("Bearer", ApiKey);
        return client;
    }

    /// <summary>An HttpClient that talks to ChatBackend, as a browser would.</summary>
    public HttpClient BackendClient() => new(new HostRoutingHandler(Resolve)) { BaseAddress = BackendUri };

    public T RiverService<T>() where T : notnull => River.Services.GetRequiredService<T>();

    private HttpMessageHandler? Resolve(string host) => host switch
    {
        RiverHost => River.Server.CreateHandler(),
        BackendHost => Backend?.Server.CreateHandler(),
        _ => Options.ExtraHosts.GetValueOrDefault(host),
    };

    private void ConfigureRiver(FakeRiverServerOptions o)
    {
        o.ApiKey = ApiKey;
        o.WebhookSecret = WebhookSecret;
        o.InMemoryBaseAddress = RiverUri;
        o.WorkflowsYaml = Options.WorkflowYaml;
        o.Clock = Clock;
        o.OutboundHandler = () => new HostRoutingHandler(Resolve);
        foreach (var (key, value) in Options.RiverSettings) o.Settings[key] = value;
        o.ConfigureServices = Options.RiverServices;
    }

    private void ConfigureBackend(IWebHostBuilder builder)
    {
        builder.UseSetting("MODELRIVER_API_URL", RiverUri.ToString().TrimEnd('/'));
        builder.UseSetting("MODELRIVER_API_KEY", ApiKey);
        builder.UseSetting("BACKEND_PUBLIC_URL", BackendUri.ToString().TrimEnd('/'));
        builder.UseSetting("WEBHOOK_SECRET", WebhookSecret);
        builder.UseSetting("CHATBACKEND_DB", _database);
        foreach (var (key, value) in Options.BackendSettings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(ShareClockAndNetwork);
    }

    private void ShareClockAndNetwork(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => new HostRoutingHandler(Resolve)));
    }

    public async ValueTask DisposeAsync()
    {
        if (Backend is not null) await Backend.DisposeAsync();
        await River.Fixture.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_database + suffix);
    }
}
