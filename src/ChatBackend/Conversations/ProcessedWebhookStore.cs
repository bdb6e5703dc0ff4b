using System.Collections.Concurrent;

namespace ChatBackend.Conversations;

/// <summary>
/// Channels whose webhook was already handled, with the record id it produced. ModelRiver retries deliveries and
/// tells receivers to dedupe by channel_id; claiming before the callback keeps a concurrent duplicate from
/// calling back a second time.
/// </summary>
public sealed class ProcessedWebhookStore
{
    private readonly ConcurrentDictionary<string, string> _recordIds = new(StringComparer.Ordinal);

    /// <summary>Claims <paramref name="channelId"/> for <paramref name="recordId"/>; false (with the first record id) when already claimed.</summary>
    public bool TryClaim(string channelId, string recordId, out string claimedRecordId)
    {
        while (true)
        {
            if (_recordIds.TryAdd(channelId, recordId))
            {
                claimedRecordId = recordId;
                return true;
            }
            // A Release between TryAdd and the read frees the channel again: try once more.
            if (_recordIds.TryGetValue(channelId, out var existing))
            {
                claimedRecordId = existing;
                return false;
            }
        }
    }

    /// <summary>Gives a claim back when processing failed, so the gateway's retry is processed instead of swallowed.</summary>
    public void Release(string channelId) => _recordIds.TryRemove(channelId, out _);
}
