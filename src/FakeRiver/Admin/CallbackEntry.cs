namespace FakeRiver.Admin;

/// <summary>One received callback: which channel, the status FakeRiver answered, the body as received.</summary>
public sealed record CallbackEntry(string ChannelId, int Status, string? Body, DateTimeOffset ReceivedAt);
