using FakeRiver.Webhooks;
using Microsoft.Extensions.Options;

namespace FakeRiver.Testing;

/// <summary>
/// The production <see cref="WebhookSender"/> with a <see cref="WebhookFaultPlan"/> applied: refused attempts
/// never reach the wire, signature faults change the headers, a duplicate is a second real POST of the same body.
/// </summary>
internal sealed class FaultyWebhookSender(WebhookSender inner, WebhookFaultPlan plan, TimeProvider time, IOptions<FakeRiverOptions> options)
    : IWebhookSender
{
    public async Task<IReadOnlyList<WebhookAttempt>> SendAsync(WebhookDelivery delivery, int number, CancellationToken stopping)
    {
        if (number <= plan.BackendDownAttempts)
            return [new WebhookAttempt(number, time.GetUtcNow(), null, WebhookFaultPlan.BackendDownError, 0)];
        var first = await AttemptAsync(delivery, number, stopping);
        // The same delivery once more, as a gateway retry racing a slow 2xx would.
        if (!first.Succeeded || !plan.DuplicateDelivery || number != 1) return [first];
        return [first, await AttemptAsync(delivery, number + 1, stopping)];
    }

    private Task<WebhookAttempt> AttemptAsync(WebhookDelivery delivery, int number, CancellationToken stopping) =>
        inner.AttemptAsync(delivery, number, sentAt => plan.Sign(delivery, sentAt, number, options.Value.WebhookSecret), stopping);
}
