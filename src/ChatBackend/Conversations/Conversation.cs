using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace ChatBackend.Conversations;

/// <summary>An immutable snapshot of a conversation; the store swaps whole snapshots, so readers never see a torn list.</summary>
public sealed record Conversation(
    [property: JsonPropertyName("messages")] ImmutableList<MessageRecord> Messages,
    [property: JsonPropertyName("createdAt")] string CreatedAt);
