namespace ChatBackend.Conversations;

/// <summary>What /chat remembers about a request until its webhook arrives (the example's <c>pendingRequests</c> entry).</summary>
/// <param name="Timestamp">Unix milliseconds when /chat accepted the message.</param>
public sealed record PendingRequest(string Prompt, long Timestamp, string ConversationId, string MessageId);
