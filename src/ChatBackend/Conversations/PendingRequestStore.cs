using System.Collections.Concurrent;

namespace ChatBackend.Conversations;

/// <summary>Requests sent to the gateway and not yet answered by a webhook, keyed by channel_id. Thread-safe.</summary>
public sealed class PendingRequestStore
{
    private readonly ConcurrentDictionary<string, PendingRequest> _pending = new(StringComparer.Ordinal);

    public void Add(string channelId, PendingRequest request) => _pending[channelId] = request;

    public PendingRequest? Find(string channelId) => _pending.TryGetValue(channelId, out var request) ? request : null;

    public void Remove(string channelId) => _pending.TryRemove(channelId, out _);

    public int Count => _pending.Count;
}
