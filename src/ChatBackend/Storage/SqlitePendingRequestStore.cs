using ChatBackend.Conversations;

namespace ChatBackend.Storage;

/// <summary><see cref="IPendingRequestStore"/> in the SQLite file.</summary>
public sealed class SqlitePendingRequestStore(ChatDatabase database) : IPendingRequestStore
{
    public void Add(string channelId, PendingRequest request)
    {
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT OR REPLACE INTO pending_requests (channel_id, request, created_at) VALUES ($channel, $request, $now)";
            command.Parameters.AddWithValue("$channel", channelId);
            command.Parameters.AddWithValue("$request", StoredJson.Write(request));
            command.Parameters.AddWithValue("$now", database.Now);
            command.ExecuteNonQuery();
        }
        database.Wrote();
    }

    public PendingRequest? Find(string channelId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT request FROM pending_requests WHERE channel_id = $channel";
        command.Parameters.AddWithValue("$channel", channelId);
        return command.ExecuteScalar() is string text ? StoredJson.ReadPending(text) : null;
    }

    public void Remove(string channelId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM pending_requests WHERE channel_id = $channel";
        command.Parameters.AddWithValue("$channel", channelId);
        command.ExecuteNonQuery();
    }
}
