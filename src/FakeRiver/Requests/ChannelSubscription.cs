using System.Threading.Channels;

namespace FakeRiver.Requests;

/// <summary>
/// What a joining socket gets: the buffered events it missed, then every later event, in order, with neither a
/// gap nor a duplicate between the two (both are taken under the log's lock).
/// </summary>
internal sealed class ChannelSubscription(IReadOnlyList<ChannelEvent> replay, ChannelReader<ChannelEvent> live, Action unsubscribe)
    : IDisposable
{
    public IReadOnlyList<ChannelEvent> Replay { get; } = replay;

    /// <summary>Later events; completes after the final event.</summary>
    public ChannelReader<ChannelEvent> Live { get; } = live;

    public void Dispose() => unsubscribe();
}
