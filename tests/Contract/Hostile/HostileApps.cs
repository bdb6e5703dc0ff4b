using System.Net;
using System.Net.Sockets;
using ChatBackend;
using Contract.Infrastructure;
using FakeRiver;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Contract.Hostile;

/// <summary>
/// FakeRiver and ChatBackend on real Kestrel (127.0.0.1, free ports), wired to each other over real HTTP, sharing a
/// fake clock (token expiry on demand), with short transport timeouts so stalled inputs answer within a second or two.
/// </summary>
public sealed class HostileApps : IAsyncDisposable
{
    public const string ApiKey = "mr_hostile_key";
    public const string WebhookSecret = "hostile_webhook_secret";
    public static readonly TimeSpan TokenTtl = TimeSpan.FromMinutes(1);

    private readonly string _workflowFile = Path.Combine(Path.GetTempPath(), $"hostile-{Guid.NewGuid():N}.yaml");

    // ChatBackend's own SQLite file: the default (chatbackend.db in the working folder) would outlive the run.
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"hostile-{Guid.NewGuid():N}.db");

    private HostileApps()
    {
        File.WriteAllText(_workflowFile, TestWorkflows.Instant);
        var riverPort = FreePort();
        River = new WebApplicationFactory<FakeRiverEntry>().WithWebHostBuilder(web =>
        {
            web.UseSetting("MODELRIVER_API_KEY", ApiKey);
            web.UseSetting("WEBHOOK_SECRET", WebhookSecret);
            web.UseSetting("FakeRiver:ConfigPath", _workflowFile);
            web.UseSetting("FakeRiver:TokenTtl", TokenTtl.ToString());
            // Each app listens where "urls" says (each adds its default address only when this is empty).
            web.UseSetting("urls", $"http://127.0.0.1:{riverPort}");
            Common(web);
        });
        River.UseKestrel();
        River.StartServer();
        RiverEndPoint = new IPEndPoint(IPAddress.Loopback, riverPort);

        var backendPort = FreePort();
        Backend = new WebApplicationFactory<ChatBackendEntry>().WithWebHostBuilder(web =>
        {
            web.UseSetting("MODELRIVER_API_URL", $"http://{RiverEndPoint}");
            web.UseSetting("MODELRIVER_API_KEY", ApiKey);
            web.UseSetting("BACKEND_PUBLIC_URL", $"http://127.0.0.1:{backendPort}");
            web.UseSetting("WEBHOOK_SECRET", WebhookSecret);
            web.UseSetting("CHATBACKEND_DB", _database);
            web.UseSetting("urls", $"http://127.0.0.1:{backendPort}");
            Common(web);
        });
        Backend.UseKestrel();
        Backend.StartServer();
        BackendEndPoint = new IPEndPoint(IPAddress.Loopback, backendPort);
    }

    public WebApplicationFactory<FakeRiverEntry> River { get; }

    public WebApplicationFactory<ChatBackendEntry> Backend { get; }

    public IPEndPoint RiverEndPoint { get; }

    public IPEndPoint BackendEndPoint { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));

    public FrameworkErrorLog Errors { get; } = new();

    public static HostileApps Start() => new();

    public IPEndPoint EndPoint(TargetApp app) => app == TargetApp.River ? RiverEndPoint : BackendEndPoint;

    public T RiverService<T>() where T : notnull => River.Services.GetRequiredService<T>();

    private void Common(IWebHostBuilder web)
    {
        // Only the error counter: ten thousand requests' console logs would cost more than the requests.
        web.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Errors));
        web.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Short transport timeouts (Kestrel measures them on its own clock): a stalled body is a 408 in ~3 s.
            services.Configure<KestrelServerOptions>(kestrel =>
            {
                kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(1.5));
                kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(2);
            });
        });
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await Backend.DisposeAsync();
        await River.DisposeAsync();
        File.Delete(_workflowFile);
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" }) File.Delete(file);
    }
}
