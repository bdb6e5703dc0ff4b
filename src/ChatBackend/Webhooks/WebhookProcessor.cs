using System.Text.Json.Nodes;
using ChatBackend.Conversations;
using ChatBackend.Gateway;

namespace ChatBackend.Webhooks;

/// <summary>
/// Steps 5-6 of the example's webhook handler, after the signature passed: store the answer in its conversation,
/// then call back (event-driven) and wait for that callback before the webhook is answered, as the example does.
/// Each channel is processed once: a retried delivery gets the first record id and causes no second callback.
/// </summary>
public sealed class WebhookProcessor(
    PendingRequestStore pending,
    ConversationStore conversations,
    ProcessedWebhookStore processed,
    ModelRiverClient gateway,
    TimeProvider time,
    ILogger<WebhookProcessor> logger)
{
    public async Task<WebhookOutcome> ProcessAsync(WebhookPayload payload, CancellationToken cancellationToken)
    {
        var channelId = payload.ChannelId;
        var request = channelId is null ? null : pending.Find(channelId);
        var recordId = request?.MessageId ?? Guid.NewGuid().ToString();
        if (channelId is not null && !processed.TryClaim(channelId, recordId, out var firstRecordId))
        {
            logger.LogInformation("Duplicate webhook for channel {ChannelId} ignored", channelId);
            return new WebhookOutcome(firstRecordId, channelId, Duplicate: true);
        }

        try
        {
            Store(payload, request, recordId);
            if (channelId is not null) pending.Remove(channelId);
            await CallBackAsync(payload, request, recordId, cancellationToken);
            return new WebhookOutcome(recordId, channelId, Duplicate: false);
        }
        catch
        {
            // Let the gateway's retry be processed rather than answered as a duplicate of a failed attempt.
            if (channelId is not null) processed.Release(channelId);
            throw;
        }
    }

    private void Store(WebhookPayload payload, PendingRequest? request, string recordId)
    {
        var now = IsoTimestamp.Format(time.GetUtcNow());
        var record = new MessageRecord(
            recordId,
            request?.Prompt ?? "Unknown prompt",
            payload.RecordResponse(),
            now,
            payload.ChannelId,
            request?.ConversationId,
            payload.Usage?.DeepClone());
        if (request is null)
        {
            // The example files these under conversations["undefined"]; nothing can ask for them, so they are not kept.
            logger.LogWarning("Webhook for unknown channel {ChannelId}: record {RecordId} not stored", payload.ChannelId, recordId);
            return;
        }
        conversations.Append(request.ConversationId, record, now);
    }

    private async Task CallBackAsync(WebhookPayload payload, PendingRequest? request, string recordId, CancellationToken cancellationToken)
    {
        var url = payload.CallbackUrl;
        if (url is null || !url.StartsWith("http", StringComparison.Ordinal)) return;
        WarnOnForeignChannel(url, payload.ChannelId);

        var data = payload.CallbackData();
        data["id"] = recordId;
        // The example's README promises both ids in the callback data; its code sent only "id".
        if (request is not null) data["conversation_id"] = request.ConversationId;
        var body = new JsonObject { ["data"] = data, ["task_id"] = recordId };
        await gateway.CallbackAsync(url, body, cancellationToken);
    }

    private void WarnOnForeignChannel(string url, string? channelId)
    {
        var marker = url.IndexOf("/callback/", StringComparison.Ordinal);
        if (marker < 0 || channelId is null) return;
        var segment = url[(marker + "/callback/".Length)..].Split('/', '?')[0];
        if (segment != channelId) logger.LogWarning("Callback URL {Url} does not name channel {ChannelId}", url, channelId);
    }
}
