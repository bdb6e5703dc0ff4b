using Microsoft.Extensions.Options;

namespace ChatBackend.Webhooks;

/// <summary>Says at start-up how webhooks are checked, and warns loudly when they are not.</summary>
public sealed class WebhookSecurityReport(IOptions<ChatBackendOptions> options, ILogger<WebhookSecurityReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!string.IsNullOrEmpty(settings.WebhookSecret))
        {
            logger.LogInformation("Webhooks: signatures verified, timestamps within {Tolerance} s, callbacks only to {Gateway}",
                settings.WebhookTolerance.TotalSeconds, settings.CallbackPrefix);
        }
        else if (settings.InsecureDevWebhooks)
        {
            logger.LogWarning("""
                ************************************************************************
                INSECURE: WEBHOOK_INSECURE_DEV=1 and no WEBHOOK_SECRET. Webhook signatures
                are NOT verified; anyone who can reach this port can post webhooks.
                Never run like this outside local development.
                ************************************************************************
                """);
        }
        else
        {
            logger.LogWarning("No WEBHOOK_SECRET: every webhook will be refused with 401 (set WEBHOOK_INSECURE_DEV=1 to skip verification locally)");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
