namespace FakeRiver.Requests;

/// <summary>
/// Receives each event of a <see cref="ChannelLog"/> as it is appended, in order (called under the log's lock), so
/// another store — the channel's Redis stream in cluster mode — holds the same sequence for other nodes.
/// </summary>
internal interface IChannelMirror
{
    void Append(ChannelEvent evt);
}
