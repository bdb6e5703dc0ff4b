using FakeRiver;
using FakeRiver.Webhooks;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Contract.Webhooks;

/// <summary>A whole FakeRiver host on a fake clock whose webhook client delivers into a scripted handler.</summary>
public sealed class WebhookHost : WebApplicationFactory<FakeRiverEntry>
{
    public const string Secret = "whsec_host_secret";

    private readonly bool _allowSignedSend;

    /// <param name="allowSignedSend">Turns on <c>FakeRiver:Admin:AllowSignedSend</c> (off in a real FakeRiver).</param>
    public WebhookHost(ScriptedWebhookHandler handler, bool allowSignedSend = true)
    {
        Handler = handler;
        _allowSignedSend = allowSignedSend;
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));

    public ScriptedWebhookHandler Handler { get; }

    public WebhookJournal Journal => Services.GetRequiredService<WebhookJournal>();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        builder.UseSetting("WEBHOOK_SECRET", Secret);
        builder.UseSetting("FakeRiver:Admin:AllowSignedSend", _allowSignedSend ? "true" : "false");
        // The test server answers on http://localhost (port 80), not on the address FakeRiver would listen on.
        builder.UseSetting("FakeRiver:Admin:AllowedHosts:0", "localhost");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddHttpClient(WebhookDispatcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Handler);
        });
    }
}
