using System.Text.Json.Nodes;

namespace FakeRiver.Scenarios.Browser;

/// <summary>One decoded v2 frame as a client sees it.</summary>
public sealed record PhoenixMessage(string? JoinRef, string? Ref, string Topic, string Event, JsonNode? Payload, DateTimeOffset ReceivedAt)
{
    public JsonObject PayloadObject => Payload as JsonObject ?? [];
}
