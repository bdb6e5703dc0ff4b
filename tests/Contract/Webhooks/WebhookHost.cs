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

    public WebhookHost(ScriptedWebhookHandler handler) => Handler = handler;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));

    public ScriptedWebhookHandler Handler { get; }

    public WebhookJournal Journal => Services.GetRequiredService<WebhookJournal>();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        builder.UseSetting("WEBHOOK_SECRET", Secret);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddHttpClient(WebhookDispatcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Handler);
        });
    }
}
