using System.Text.Json.Nodes;
using ChatBackend.Conversations;
using ChatBackend.Gateway;
using Microsoft.Extensions.Options;

namespace ChatBackend.Webhooks;

/// <summary>
/// Steps 5-6 of the example's webhook handler, after the signature and timestamp passed: store the answer in its
/// conversation, then call back (event-driven) and wait for that callback before the webhook is answered, as the
/// example does. Safer than the example in three ways (README, "ChatBackend"): the callback URL is checked before
/// anything changes (<see cref="CallbackTarget"/>); only channels this backend started are stored or called back
/// for; and each channel is processed once, even across restarts, so a redelivery gets the first record id and
/// causes no second callback.
/// </summary>
public sealed class WebhookProcessor(
    IPendingRequestStore pending,
    StartingRequests starting,
    IConversationStore conversations,
    IProcessedWebhookStore processed,
    ModelRiverClient gateway,
    IOptions<ChatBackendOptions> options,
    TimeProvider time,
    ILogger<WebhookProcessor> logger)
{
    public async Task<WebhookOutcome> ProcessAsync(WebhookPayload payload, CancellationToken cancellationToken)
    {
        var channelId = payload.ChannelId;
        var target = CallbackTarget.Resolve(payload.CallbackUrl, channelId, options.Value.ModelRiverApiUrl, out var refusal);
        if (refusal is not null)
        {
            logger.LogWarning("Webhook for channel {ChannelId} refused: {Refusal} ({Url}); nothing stored, no callback, the API key was not sent",
                channelId, refusal, payload.CallbackUrl);
            return new WebhookOutcome(WebhookOutcomeKind.CallbackRefused, null, channelId, refusal);
        }

        var request = channelId is null ? null : pending.Find(channelId);
        // A fast gateway's webhook can overtake the /chat call that started it: wait for calls still storing theirs.
        if (request is null && channelId is not null
            && await starting.WaitAsync(() => (request = pending.Find(channelId)) is not null, time, TimeSpan.FromSeconds(30), cancellationToken))
        {
            request = pending.Find(channelId);
        }
        if (request is null || channelId is null)
        {
            if (channelId is not null && processed.RecordIdOf(channelId) is { } earlier) return Duplicate(channelId, earlier);
            logger.LogWarning("Webhook for unknown channel {ChannelId} ignored: no pending request of this backend", channelId);
            return new WebhookOutcome(WebhookOutcomeKind.UnknownChannel, null, channelId);
        }
        if (!processed.TryClaim(channelId, request.MessageId, out var firstRecordId)) return Duplicate(channelId, firstRecordId);

        try
        {
            Store(payload, request);
            pending.Remove(channelId);
            if (target is not null) await CallBackAsync(target, payload, request, cancellationToken);
            return new WebhookOutcome(WebhookOutcomeKind.Processed, request.MessageId, channelId);
        }
        catch
        {
            // Let the gateway's retry be processed rather than answered as a duplicate of a failed attempt.
            processed.Release(channelId);
            throw;
        }
    }

    private WebhookOutcome Duplicate(string channelId, string recordId)
    {
        logger.LogInformation("Duplicate webhook for channel {ChannelId} ignored", channelId);
        return new WebhookOutcome(WebhookOutcomeKind.Duplicate, recordId, channelId);
    }

    private void Store(WebhookPayload payload, PendingRequest request)
    {
        var now = IsoTimestamp.Format(time.GetUtcNow());
        var record = new MessageRecord(
            request.MessageId,
            request.Prompt,
            payload.RecordResponse(),
            now,
            payload.ChannelId,
            request.ConversationId,
            payload.Usage?.DeepClone());
        conversations.Append(request.ConversationId, record, now);
    }

    private async Task CallBackAsync(Uri target, WebhookPayload payload, PendingRequest request, CancellationToken cancellationToken)
    {
        var data = payload.CallbackData();
        data["id"] = request.MessageId;
        // The example's README promises both ids in the callback data; its code sent only "id".
        data["conversation_id"] = request.ConversationId;
        var body = new JsonObject { ["data"] = data, ["task_id"] = request.MessageId };
        await gateway.CallbackAsync(target.AbsoluteUri, body, cancellationToken);
    }
}
