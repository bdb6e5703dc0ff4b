using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace ChatBackend.Conversations;

/// <summary>In-memory conversations, like the example's <c>conversations</c> map. Thread-safe; lost on restart.</summary>
public sealed class ConversationStore
{
    private readonly ConcurrentDictionary<string, Conversation> _conversations = new(StringComparer.Ordinal);

    /// <summary>Appends <paramref name="record"/>, creating the conversation (stamped <paramref name="createdAt"/>) on first use.</summary>
    public void Append(string conversationId, MessageRecord record, string createdAt) =>
        _conversations.AddOrUpdate(
            conversationId,
            static (_, state) => new Conversation([state.record], state.createdAt),
            static (_, existing, state) => existing with { Messages = existing.Messages.Add(state.record) },
            (record, createdAt));

    public Conversation? Find(string conversationId) =>
        _conversations.TryGetValue(conversationId, out var conversation) ? conversation : null;

    /// <summary>Every message of every conversation (for tests and inspection).</summary>
    public ImmutableList<MessageRecord> AllMessages() =>
        _conversations.Values.SelectMany(c => c.Messages).ToImmutableList();
}
