using System.Collections.Concurrent;

namespace FakeRiver.Requests;

/// <summary>
/// The webhook and callback faults a request took from <c>/__admin/faults</c> when it was accepted, with the
/// counters that say which attempt a fault still applies to. Provider faults are not here: they are written into
/// the request's own copy of its workflow.
/// </summary>
internal sealed class InjectedFaults(WebhookFault? webhook, CallbackFault? callback)
{
    /// <summary>No fault: the shared value of every request that took none.</summary>
    public static InjectedFaults None { get; } = new(null, null);

    private readonly ConcurrentDictionary<string, int> _webhookAttempts = new(StringComparer.Ordinal);
    private int _callbacks;

    public WebhookFault? Webhook { get; } = webhook;

    public CallbackFault? Callback { get; } = callback;

    /// <summary>The webhook fault if it applies to the next attempt of delivery <paramref name="deliveryId"/>.</summary>
    public WebhookFault? TakeWebhookFault(string deliveryId)
    {
        if (Webhook is null) return null;
        var attempt = _webhookAttempts.AddOrUpdate(deliveryId, 1, (_, seen) => seen + 1);
        return attempt <= Webhook.Attempts ? Webhook : null;
    }

    /// <summary>The status to answer the next callback with, if the callback fault still applies to it.</summary>
    public int? TakeCallbackFault()
    {
        if (Callback is null) return null;
        return Interlocked.Increment(ref _callbacks) <= Callback.Attempts ? Callback.Status : null;
    }
}
