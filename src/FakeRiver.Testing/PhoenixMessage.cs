using System.Text.Json.Nodes;

namespace FakeRiver.Testing;

/// <summary>One decoded v2 frame as a client sees it.</summary>
/// <param name="JoinRef">The join ref the frame belongs to (null for broadcasts).</param>
/// <param name="Ref">The message ref a reply answers (null for pushes).</param>
/// <param name="Topic">The channel topic, e.g. <c>ai_response:{project_id}:{channel_id}</c>.</param>
/// <param name="Event">The event: <c>phx_reply</c>, <c>tokens</c>, <c>status</c>, <c>response</c>, <c>phx_close</c>, ...</param>
/// <param name="Payload">The payload as sent.</param>
/// <param name="ReceivedAt">When the client read it, on the client's clock.</param>
public sealed record PhoenixMessage(string? JoinRef, string? Ref, string Topic, string Event, JsonNode? Payload, DateTimeOffset ReceivedAt)
{
    /// <summary>The payload as an object (empty when it is not one).</summary>
    public JsonObject PayloadObject => Payload as JsonObject ?? [];
}
