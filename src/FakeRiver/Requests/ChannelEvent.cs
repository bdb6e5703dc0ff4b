namespace FakeRiver.Requests;

/// <summary>
/// One event pushed on a request's channel. The payload is serialized once, when published, so fan-out to any
/// number of sockets shares the same bytes and no socket can see a half-built object.
/// </summary>
/// <param name="Event">Phoenix event name: <c>tokens</c>, <c>status</c> or <c>response</c>.</param>
/// <param name="Seq">The token sequence number of a <c>tokens</c> event; 0 for other events.</param>
/// <param name="PayloadUtf8">The payload object as compact UTF-8 JSON.</param>
/// <param name="IsFinal">True for the last <c>response</c>: the socket closes after it.</param>
internal sealed record ChannelEvent(string Event, long Seq, ReadOnlyMemory<byte> PayloadUtf8, bool IsFinal)
{
    public const string Tokens = "tokens";
    public const string Status = "status";
    public const string Response = "response";
}
