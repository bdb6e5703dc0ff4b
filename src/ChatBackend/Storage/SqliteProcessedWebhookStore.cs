using ChatBackend.Conversations;

namespace ChatBackend.Storage;

/// <summary>
/// <see cref="IProcessedWebhookStore"/> in the SQLite file. The claim is one <c>INSERT ... ON CONFLICT DO NOTHING</c>,
/// atomic across threads and connections, so two deliveries racing each other cannot both win.
/// </summary>
public sealed class SqliteProcessedWebhookStore(ChatDatabase database) : IProcessedWebhookStore
{
    public bool TryClaim(string channelId, string recordId, out string claimedRecordId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        while (true)
        {
            command.Parameters.Clear();
            command.CommandText = """
                INSERT INTO processed_webhooks (channel_id, record_id, processed_at) VALUES ($channel, $record, $now)
                  ON CONFLICT (channel_id) DO NOTHING
                """;
            command.Parameters.AddWithValue("$channel", channelId);
            command.Parameters.AddWithValue("$record", recordId);
            command.Parameters.AddWithValue("$now", database.Now);
            if (command.ExecuteNonQuery() == 1)
            {
                claimedRecordId = recordId;
                database.Wrote();
                return true;
            }
            command.CommandText = "SELECT record_id FROM processed_webhooks WHERE channel_id = $channel";
            // A Release between the insert and this read frees the channel again: try once more.
            if (command.ExecuteScalar() is string existing)
            {
                claimedRecordId = existing;
                return false;
            }
        }
    }

    public string? RecordIdOf(string channelId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT record_id FROM processed_webhooks WHERE channel_id = $channel";
        command.Parameters.AddWithValue("$channel", channelId);
        return command.ExecuteScalar() as string;
    }

    public void Release(string channelId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM processed_webhooks WHERE channel_id = $channel";
        command.Parameters.AddWithValue("$channel", channelId);
        command.ExecuteNonQuery();
    }
}
