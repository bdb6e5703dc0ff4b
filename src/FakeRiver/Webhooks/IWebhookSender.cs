namespace FakeRiver.Webhooks;

/// <summary>
/// Puts one numbered attempt of a delivery on the wire for <see cref="WebhookDispatcher"/>, which owns the retry
/// schedule and the journal. Production registers <see cref="WebhookSender"/> (sign, POST once); tests, the
/// FakeRiver.Testing fixture and the scenario worlds register a sender that injects faults, so the production
/// path carries none.
/// </summary>
internal interface IWebhookSender
{
    /// <summary>
    /// Makes attempt <paramref name="number"/> and returns every HTTP exchange it made with the receiver, oldest
    /// first: exactly one for <see cref="WebhookSender"/>. The delivery succeeds when any of them got a 2xx.
    /// </summary>
    Task<IReadOnlyList<WebhookAttempt>> SendAsync(WebhookDelivery delivery, int number, CancellationToken stopping);
}
