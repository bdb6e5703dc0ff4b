using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatBackend.Conversations;

/// <summary>One answered prompt, stored per conversation exactly as the example stores it.</summary>
/// <param name="Response">The structured object, or the text of the first choice, or the JSON text of the data.</param>
/// <param name="ConversationId">Null when the webhook named an unknown channel.</param>
/// <param name="Usage">Token usage from <c>meta.usage</c> or <c>data.usage</c>, when the webhook carried one.</param>
public sealed record MessageRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("prompt")] string Prompt,
    [property: JsonPropertyName("response")] JsonNode? Response,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("channel_id")] string? ChannelId,
    [property: JsonPropertyName("conversation_id")] string? ConversationId,
    [property: JsonPropertyName("usage")] JsonNode? Usage);
