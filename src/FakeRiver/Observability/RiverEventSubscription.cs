using System.Threading.Channels;

namespace FakeRiver.Observability;

/// <summary>
/// A dashboard client's view of the feed: the retained events after its last id, then live ones through a bounded
/// queue. A client that falls behind loses the oldest queued events (and is told so by a gap in the ids), never
/// slows the gateway down.
/// </summary>
public sealed class RiverEventSubscription(IReadOnlyList<RiverEvent> replay, ChannelReader<RiverEvent> live, Action unsubscribe)
    : IDisposable
{
    public IReadOnlyList<RiverEvent> Replay { get; } = replay;

    public ChannelReader<RiverEvent> Live { get; } = live;

    public void Dispose() => unsubscribe();
}
