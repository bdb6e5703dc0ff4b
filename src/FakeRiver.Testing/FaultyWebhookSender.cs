using FakeRiver.Requests;
using FakeRiver.Webhooks;
using Microsoft.Extensions.Options;
using ModelRiver.Wire.Json;

namespace FakeRiver.Testing;

/// <summary>
/// The production <see cref="WebhookSender"/> with a <see cref="WebhookFaultPlan"/> applied: refused attempts
/// never reach the wire, signature faults change the headers, a duplicate is a second real POST of the same body
/// (after the plan's pause, e.g. a backend restart), a forged callback URL and a replay with another channel_id
/// edit only unsigned fields, as someone replaying a captured webhook could.
/// </summary>
internal sealed class FaultyWebhookSender(
    WebhookSender inner, WebhookFaultPlan plan, TimeProvider time, IOptions<FakeRiverOptions> options, RandomSource random)
    : IWebhookSender
{
    public async Task<IReadOnlyList<WebhookAttempt>> SendAsync(WebhookDelivery delivery, int number, CancellationToken stopping)
    {
        if (number <= plan.BackendDownAttempts)
            return [new WebhookAttempt(number, time.GetUtcNow(), null, WebhookFaultPlan.BackendDownError, 0)];
        var sent = Forged(delivery);
        var first = await AttemptAsync(sent, sent, number, stopping);
        if (!first.Succeeded || number != 1) return [first];
        var attempts = new List<WebhookAttempt> { first };
        if (plan.DuplicateDelivery)
        {
            // The same delivery once more, as a gateway retry racing a slow 2xx would.
            if (plan.BeforeDuplicate is { } pause) await pause(stopping);
            attempts.Add(await AttemptAsync(sent, sent, number + attempts.Count, stopping));
        }
        // A replay keeps the original headers: the replayer cannot re-sign anything.
        if (plan.ReplayWithOtherChannelId) attempts.Add(await AttemptAsync(WithOtherChannel(sent), sent, number + attempts.Count, stopping));
        return attempts;
    }

    private Task<WebhookAttempt> AttemptAsync(WebhookDelivery sent, WebhookDelivery signed, int number, CancellationToken stopping) =>
        inner.AttemptAsync(sent, number, sentAt => plan.Sign(signed, sentAt, number, options.Value.WebhookSecret), stopping);

    /// <summary>The delivery with its callback URL (body and header) pointing at the plan's forged base; <c>data</c> untouched.</summary>
    private WebhookDelivery Forged(WebhookDelivery delivery)
    {
        if (plan.ForgedCallbackBase is not { } forged || delivery.CallbackUrl is null) return delivery;
        var url = forged + delivery.ChannelId;
        return delivery with { Body = Edit(delivery.Body, "callback_url", url), CallbackUrl = url };
    }

    private WebhookDelivery WithOtherChannel(WebhookDelivery delivery) =>
        delivery with { Body = Edit(delivery.Body, "channel_id", random.NewUuid()) };

    private static string Edit(string body, string key, string value)
    {
        var json = (System.Text.Json.Nodes.JsonObject)JsonTree.Parse(body)!;
        json[key] = value;
        return JsJson.Stringify(json);
    }
}
