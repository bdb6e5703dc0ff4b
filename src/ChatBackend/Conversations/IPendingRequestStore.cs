namespace ChatBackend.Conversations;

/// <summary>
/// Requests this backend started at the gateway and whose webhook has not been processed yet, keyed by channel_id.
/// Only channels found here are called back for: a webhook naming any other channel is not this backend's business.
/// Durable, and bounded by <see cref="ChatBackendOptions.Retention"/> and <see cref="ChatBackendOptions.MaxPendingRequests"/>.
/// </summary>
public interface IPendingRequestStore
{
    void Add(string channelId, PendingRequest request);

    PendingRequest? Find(string channelId);

    void Remove(string channelId);
}
