using System.Collections.Immutable;
using ChatBackend.Conversations;
using Microsoft.Extensions.Options;

namespace ChatBackend.Storage;

/// <summary><see cref="IConversationStore"/> in the SQLite file: one transaction per append, trimmed to the per-conversation limit.</summary>
public sealed class SqliteConversationStore(ChatDatabase database, IOptions<ChatBackendOptions> options) : IConversationStore
{
    public void Append(string conversationId, MessageRecord record, string createdAt)
    {
        using (var connection = database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO conversations (id, created_at, updated_at) VALUES ($id, $createdAt, $now)
                  ON CONFLICT (id) DO UPDATE SET updated_at = $now;
                INSERT INTO messages (conversation_id, record) VALUES ($id, $record);
                DELETE FROM messages WHERE conversation_id = $id AND seq <=
                  (SELECT seq FROM messages WHERE conversation_id = $id ORDER BY seq DESC LIMIT 1 OFFSET $max);
                """;
            command.Parameters.AddWithValue("$id", conversationId);
            command.Parameters.AddWithValue("$createdAt", createdAt);
            command.Parameters.AddWithValue("$now", database.Now);
            command.Parameters.AddWithValue("$record", StoredJson.Write(record));
            command.Parameters.AddWithValue("$max", options.Value.MaxMessagesPerConversation);
            command.ExecuteNonQuery();
            transaction.Commit();
        }
        database.Wrote();
    }

    public Conversation? Find(string conversationId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT created_at FROM conversations WHERE id = $id";
        command.Parameters.AddWithValue("$id", conversationId);
        if (command.ExecuteScalar() is not string createdAt) return null;

        command.CommandText = "SELECT record FROM messages WHERE conversation_id = $id ORDER BY seq";
        var messages = ImmutableList.CreateBuilder<MessageRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) messages.Add(StoredJson.ReadMessage(reader.GetString(0)));
        return new Conversation(messages.ToImmutable(), createdAt);
    }
}
