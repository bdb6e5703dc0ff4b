namespace FakeRiver.Phoenix;

/// <summary>
/// One Phoenix Channels message, in either serializer version. <see cref="Payload"/> is the payload object as
/// UTF-8 JSON text, kept raw so a server push splices the bytes published once by the channel log into every
/// socket's frame without re-serializing them. It must always hold one valid JSON object.
/// </summary>
/// <param name="JoinRef">The join reference of the channel the message belongs to; null outside a channel.</param>
/// <param name="Ref">The message reference a reply echoes; null for server pushes.</param>
/// <param name="Topic">The channel topic, or <c>phoenix</c> for socket-level messages.</param>
/// <param name="Event">The event name (<c>phx_join</c>, <c>tokens</c>, <c>response</c>, ...).</param>
/// <param name="Payload">The payload object as UTF-8 JSON text.</param>
internal sealed record PhoenixFrame(string? JoinRef, string? Ref, string Topic, string Event, ReadOnlyMemory<byte> Payload);
