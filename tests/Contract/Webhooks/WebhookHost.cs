using FakeRiver.Testing;
using FakeRiver.Webhooks;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Contract.Webhooks;

/// <summary>
/// A whole FakeRiver (the FakeRiver.Testing fixture, in memory) on a fake clock whose webhook client delivers into a
/// scripted handler. Keeps the members tests used when it was a WebApplicationFactory: CreateClient, Services, Server.
/// </summary>
internal sealed class WebhookHost : IAsyncDisposable
{
    public const string Secret = "whsec_host_secret";

    private readonly FakeRiverServer _river;

    /// <param name="allowSignedSend">Turns on <c>FakeRiver:Admin:AllowSignedSend</c> (off in a real FakeRiver).</param>
    public WebhookHost(ScriptedWebhookHandler handler, bool allowSignedSend = true)
    {
        Handler = handler;
        // Started off the test's synchronization context: the constructor is synchronous for the tests' sake.
        _river = Task.Run(() => FakeRiverServer.StartAsync(o =>
        {
            o.WebhookSecret = Secret;
            o.Clock = Clock;
            o.Settings["FakeRiver:Admin:AllowSignedSend"] = allowSignedSend ? "true" : "false";
            o.ConfigureServices = services =>
                services.AddHttpClient(WebhookDispatcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Handler);
        })).GetAwaiter().GetResult();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));

    public ScriptedWebhookHandler Handler { get; }

    public WebhookJournal Journal => Services.GetRequiredService<WebhookJournal>();

    public IServiceProvider Services => _river.Services;

    public TestServer Server => _river.TestServer!;

    /// <summary>A client for FakeRiver at http://localhost/ without the API key.</summary>
    public HttpClient CreateClient() => _river.CreateClient(authorized: false);

    public ValueTask DisposeAsync() => _river.DisposeAsync();
}
