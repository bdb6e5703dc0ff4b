using ChatBackend;
using ChatBackend.Gateway;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Contract.ChatBackend.Infrastructure;

/// <summary>One in-memory ChatBackend per test, wired to its own <see cref="FakeModelRiver"/>, fake clock and SQLite file.</summary>
public sealed class BackendHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private readonly string? _ownDatabase;

    private BackendHost(BackendSettings settings, DateTimeOffset start)
    {
        Settings = settings;
        Time = new FakeTimeProvider(start);
        if (settings.DatabasePath is null) _ownDatabase = Path.Combine(Path.GetTempPath(), $"chatbackend-test-{Guid.NewGuid():N}.db");
        DatabasePath = settings.DatabasePath ?? _ownDatabase!;
        Factory = new WebApplicationFactory<ChatBackendEntry>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(settings.Environment);
            web.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings.ToConfiguration(DatabasePath)));
            web.ConfigureLogging(logging => logging.AddProvider(Logs));
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Time);
                services.AddHttpClient(ModelRiverClient.HttpClientName)
                    .ConfigurePrimaryHttpMessageHandler(() => new FakeModelRiverHandler(River));
            });
        });
        Client = Factory.CreateClient();
    }

    public BackendSettings Settings { get; }

    public FakeModelRiver River { get; } = new();

    public FakeTimeProvider Time { get; }

    /// <summary>Every log line the app wrote (Information and above).</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>The SQLite file this host stores in.</summary>
    public string DatabasePath { get; }

    public WebApplicationFactory<ChatBackendEntry> Factory { get; }

    public HttpClient Client { get; }

    /// <param name="start">Where the fake clock starts (a restarted host may start later).</param>
    public static BackendHost Create(BackendSettings? settings = null, DateTimeOffset? start = null) =>
        new(settings ?? new BackendSettings(), start ?? Start);

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        if (_ownDatabase is not null) TempDatabase.Delete(_ownDatabase);
    }
}
