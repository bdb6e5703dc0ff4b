using ChatBackend;
using ChatBackend.Gateway;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Contract.ChatBackend.Infrastructure;

/// <summary>One in-memory ChatBackend per test, wired to its own <see cref="FakeModelRiver"/> and fake clock.</summary>
public sealed class BackendHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private BackendHost(BackendSettings settings)
    {
        Settings = settings;
        Factory = new WebApplicationFactory<ChatBackendEntry>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(settings.Environment);
            web.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings.ToConfiguration()));
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

    public FakeTimeProvider Time { get; } = new(Start);

    public WebApplicationFactory<ChatBackendEntry> Factory { get; }

    public HttpClient Client { get; }

    public static BackendHost Create(BackendSettings? settings = null) => new(settings ?? new BackendSettings());

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
