using System.Text.Json.Nodes;
using FakeRiver.Observability;

namespace FakeRiver.Webhooks;

/// <summary>Publishes each webhook attempt to the event feed (dashboard, report, telemetry).</summary>
public static class WebhookEvents
{
    /// <summary>Signature headers shown on the dashboard: the ones a receiver verifies, not the body.</summary>
    private static readonly HashSet<string> ShownHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        WebhookSigner.SignatureHeader, WebhookSigner.TimestampHeader, WebhookSigner.WebhookIdHeader,
        WebhookSigner.DocsSignatureHeader, WebhookSigner.DocsTimestampHeader, WebhookSigner.CallbackUrlHeader,
    };

    /// <summary>Publishes one webhook attempt with the headers it was sent with.</summary>
    public static void WebhookAttempt(this RiverEventFeed feed, WebhookDelivery delivery, WebhookAttempt attempt,
        IEnumerable<KeyValuePair<string, string>> headers)
    {
        var shown = new JsonObject();
        foreach (var (name, value) in headers)
        {
            if (ShownHeaders.Contains(name)) shown[name] = value;
        }
        feed.Publish(RiverEventKinds.Webhook, delivery.ChannelId, new JsonObject
        {
            ["delivery_id"] = delivery.Id,
            ["type"] = delivery.Type,
            ["url"] = delivery.Url,
            ["attempt"] = attempt.Number,
            ["status_code"] = attempt.StatusCode,
            ["error"] = attempt.Error,
            ["duration_ms"] = Math.Round(attempt.DurationMs, 1),
            ["succeeded"] = attempt.Succeeded,
            ["headers"] = shown,
        });
    }

}
