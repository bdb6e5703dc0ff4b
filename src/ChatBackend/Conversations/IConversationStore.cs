namespace ChatBackend.Conversations;

/// <summary>
/// Answered prompts per conversation, like the example's <c>conversations</c> map but durable: a restart keeps them.
/// Bounded by <see cref="ChatBackendOptions.Retention"/>, <see cref="ChatBackendOptions.MaxConversations"/> and
/// <see cref="ChatBackendOptions.MaxMessagesPerConversation"/>.
/// </summary>
public interface IConversationStore
{
    /// <summary>Appends <paramref name="record"/>, creating the conversation (stamped <paramref name="createdAt"/>) on first use.</summary>
    void Append(string conversationId, MessageRecord record, string createdAt);

    /// <summary>The conversation with its messages in the order they were appended; null when unknown (or expired).</summary>
    Conversation? Find(string conversationId);
}
