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
    /// <summary>The retained events at the time of subscribing.</summary>
    public IReadOnlyList<RiverEvent> Replay { get; } = replay;

    /// <summary>Events published after subscribing.</summary>
    public ChannelReader<RiverEvent> Live { get; } = live;

    /// <summary>Ends the subscription.</summary>
    public void Dispose() => unsubscribe();
}
