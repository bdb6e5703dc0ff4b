namespace FakeRiver.Webhooks;

/// <summary>Life of a webhook delivery, as ModelRiver's delivery log shows it (Planned -> Delivering -> Success/Error).</summary>
public enum WebhookDeliveryState
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Pending,

    /// <summary>An attempt is in flight.</summary>
    Delivering,

    /// <summary>A 2xx answer was received; no more attempts.</summary>
    Delivered,

    /// <summary>Every attempt of the retry schedule failed.</summary>
    DeadLettered,

    /// <summary>Nowhere to send it: neither the request nor the options name a webhook URL.</summary>
    Skipped,
}
