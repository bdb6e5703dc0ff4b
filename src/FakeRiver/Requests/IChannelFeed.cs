namespace FakeRiver.Requests;

/// <summary>
/// Where a socket's join reads a channel from: the request's own <see cref="ChannelLog"/> when it runs on this node,
/// else (cluster mode) the channel's Redis stream for the replay and its live fan-out for what follows.
/// </summary>
internal interface IChannelFeed
{
    /// <summary>
    /// The replay after <paramref name="afterSeq"/> and the live events; null when no node knows the channel. The live
    /// reader may be resumed on the thread that appended the event, under the channel log's lock: it must only hand
    /// events on (a socket's pump queues frames), never block or call back into the log.
    /// </summary>
    ValueTask<ChannelSubscription?> SubscribeAsync(string channelId, long afterSeq, CancellationToken cancellationToken);
}
