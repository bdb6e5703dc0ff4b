namespace FakeRiver.Phoenix;

/// <summary>
/// One thing that happened on the socket endpoint, for the admin API and for tests to assert on.
/// </summary>
/// <param name="At">When it happened, on FakeRiver's clock.</param>
/// <param name="SocketId">Sequential per host (<c>s1</c>, <c>s2</c>, ...); null for a refused upgrade.</param>
/// <param name="Kind">
/// <c>connected</c> (Detail = serializer), <c>joined</c>,
/// <c>join_refused</c> (Detail = reason), <c>left</c>, <c>abandoned</c> (a peer that stopped reading or went idle:
/// Detail = why and the send queue's high-water mark), <c>closed</c> (Detail = close status or <c>aborted</c>).
/// </param>
/// <param name="ChannelId">The request's channel id, when the event concerns a channel.</param>
/// <param name="Topic">The channel topic joined or refused; null for socket-level events.</param>
/// <param name="Detail">What <paramref name="Kind"/> says it holds; null otherwise.</param>
public sealed record PhoenixJournalEntry(DateTimeOffset At, string? SocketId, string Kind, string? ChannelId, string? Topic, string? Detail);
