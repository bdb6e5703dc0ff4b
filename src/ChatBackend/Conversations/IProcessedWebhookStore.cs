namespace ChatBackend.Conversations;

/// <summary>
/// Channels whose webhook was already handled, with the record id it produced. ModelRiver retries deliveries and
/// tells receivers to dedupe by channel_id; claiming before the callback keeps a concurrent duplicate from calling
/// back a second time, and keeping claims on disk keeps a redelivery after a restart from doing so.
/// Bounded by <see cref="ChatBackendOptions.Retention"/> and <see cref="ChatBackendOptions.MaxProcessedWebhooks"/>.
/// </summary>
public interface IProcessedWebhookStore
{
    /// <summary>Claims <paramref name="channelId"/> for <paramref name="recordId"/>; false (with the first record id) when already claimed.</summary>
    bool TryClaim(string channelId, string recordId, out string claimedRecordId);

    /// <summary>The record id of a processed channel; null when the channel was never processed (or has expired).</summary>
    string? RecordIdOf(string channelId);

    /// <summary>Gives a claim back when processing failed, so the gateway's retry is processed instead of swallowed.</summary>
    void Release(string channelId);
}
