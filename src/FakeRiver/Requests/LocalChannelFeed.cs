namespace FakeRiver.Requests;

/// <summary>The one-process feed: the request's in-memory <see cref="ChannelLog"/>.</summary>
internal sealed class LocalChannelFeed(RequestRegistry registry) : IChannelFeed
{
    public ValueTask<ChannelSubscription?> SubscribeAsync(string channelId, long afterSeq, CancellationToken cancellationToken) =>
        ValueTask.FromResult(registry.TryGet(channelId, out var request) ? request.Log.Subscribe(afterSeq, readerRunsInline: true) : null);
}
