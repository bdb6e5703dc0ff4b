using System.Text.Json.Serialization;

namespace FakeRiver.Webhooks;

/// <summary>
/// An immutable snapshot of one webhook delivery. The dispatcher records a new snapshot (<c>with</c>) on each change,
/// so readers never see a half-updated record.
/// </summary>
public sealed record WebhookDelivery
{
    /// <summary>Sent as <c>X-ModelRiver-Webhook-Id</c>; the same for every attempt.</summary>
    public required string Id { get; init; }

    /// <summary>The request (channel) the webhook reports on.</summary>
    public required string ChannelId { get; init; }

    /// <summary>
    /// The project of that request; null for a test webhook sent through the admin API. Kept with the delivery so a
    /// node that takes it over (cluster mode) scopes it without knowing the request.
    /// </summary>
    public string? ProjectId { get; init; }

    /// <summary>Target URL; null when the delivery was skipped for lack of one.</summary>
    public string? Url { get; init; }

    /// <summary>The body's <c>type</c>: <c>task.completed</c> or <c>task.ai_generated</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Where the delivery stands: pending, delivering, delivered, dead-lettered or skipped.</summary>
    public WebhookDeliveryState State { get; init; }

    /// <summary>The exact body text sent on every attempt.</summary>
    public required string Body { get; init; }

    /// <summary>JsJson text of the body's <c>data</c>: the signed part. Byte-identical to its slice of <see cref="Body"/>.</summary>
    public required string DataText { get; init; }

    /// <summary>Event-driven only: also sent as header <c>x-modelriver-callback-url</c>.</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>When the delivery was queued, on FakeRiver's clock.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Every HTTP attempt so far, oldest first.</summary>
    public IReadOnlyList<WebhookAttempt> Attempts { get; init; } = [];

    /// <summary>When the next attempt is due; null while delivering or once finished.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>No further attempt will be made (delivered, dead-lettered or skipped).</summary>
    [JsonIgnore]
    public bool IsFinished => State is WebhookDeliveryState.Delivered or WebhookDeliveryState.DeadLettered or WebhookDeliveryState.Skipped;
}
