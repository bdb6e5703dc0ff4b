using System.Text.Json.Nodes;

namespace FakeRiver.Admin;

/// <summary>One received callback: which channel, the status FakeRiver answered, the body as received.</summary>
public sealed record CallbackEntry(string ChannelId, int Status, string? Body, DateTimeOffset ReceivedAt)
{
    /// <summary>The entry as <c>GET /__admin/callbacks</c> lists it.</summary>
    internal JsonObject ToJson() => new()
    {
        ["channel_id"] = ChannelId,
        ["status"] = Status,
        ["received_at"] = ReceivedAt.ToString("O"),
        ["body"] = Body is null ? null : JsonNode.Parse(Body),
    };
}
