using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatBackend.Storage;

/// <summary>
/// The embedded SQLite file behind the stores (<see cref="ChatBackendOptions.DatabasePath"/>). The schema is created
/// at start-up (a file that cannot be opened stops the host there); expired and surplus rows are pruned at start-up
/// and every <see cref="PruneEvery"/> writes, so every table stays within its configured bound.
/// </summary>
public sealed class ChatDatabase : IHostedService, IDisposable
{
    /// <summary>Writes between two prunes: the count limits can be exceeded by at most this many rows.</summary>
    public const int PruneEvery = 256;

    private readonly ChatBackendOptions _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<ChatDatabase> _logger;
    private readonly string _connectionString;
    private readonly Lazy<bool> _schema;
    private long _writes;

    public ChatDatabase(IOptions<ChatBackendOptions> options, TimeProvider time, ILogger<ChatDatabase> logger)
    {
        _settings = options.Value;
        _time = time;
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(_settings.DatabasePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
        }.ToString();
        _schema = new Lazy<bool>(CreateSchema, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Unix milliseconds now, on the injected clock (what rows are stamped and expired by).</summary>
    public long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>An open connection (pooled); the schema exists by then.</summary>
    public SqliteConnection Open()
    {
        _ = _schema.Value;
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Counts a write and prunes every <see cref="PruneEvery"/> of them.</summary>
    public void Wrote()
    {
        if (Interlocked.Increment(ref _writes) % PruneEvery == 0) Prune();
    }

    /// <summary>Deletes rows older than the retention period, then the oldest rows over each count limit.</summary>
    public void Prune()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM processed_webhooks WHERE processed_at < $cutoff;
            DELETE FROM processed_webhooks WHERE channel_id IN
              (SELECT channel_id FROM processed_webhooks ORDER BY processed_at DESC LIMIT -1 OFFSET $maxProcessed);
            DELETE FROM pending_requests WHERE created_at < $cutoff;
            DELETE FROM pending_requests WHERE channel_id IN
              (SELECT channel_id FROM pending_requests ORDER BY created_at DESC LIMIT -1 OFFSET $maxPending);
            DELETE FROM conversations WHERE updated_at < $cutoff;
            DELETE FROM conversations WHERE id IN
              (SELECT id FROM conversations ORDER BY updated_at DESC LIMIT -1 OFFSET $maxConversations);
            """;
        command.Parameters.AddWithValue("$cutoff", Now - (long)_settings.Retention.TotalMilliseconds);
        command.Parameters.AddWithValue("$maxProcessed", _settings.MaxProcessedWebhooks);
        command.Parameters.AddWithValue("$maxPending", _settings.MaxPendingRequests);
        command.Parameters.AddWithValue("$maxConversations", _settings.MaxConversations);
        var deleted = command.ExecuteNonQuery();
        if (deleted > 0) _logger.LogInformation("Pruned {Count} expired or surplus rows from {Path}", deleted, _settings.DatabasePath);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Prune();
        _logger.LogInformation("Conversations, pending requests and processed webhooks are kept in {Path}", Path.GetFullPath(_settings.DatabasePath));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Closes the pooled connections, so the file can be reopened (a restart) or deleted (tests).</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private bool CreateSchema()
    {
        if (Path.GetDirectoryName(Path.GetFullPath(_settings.DatabasePath)) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // Times are unix milliseconds on the injected clock. Messages keep their JSON text (JavaScript-exact, so a
        // lone surrogate survives); deleting a conversation deletes its messages.
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS conversations (
              id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS conversations_updated ON conversations (updated_at);
            CREATE TABLE IF NOT EXISTS messages (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
              record TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS messages_conversation ON messages (conversation_id, seq);
            CREATE TABLE IF NOT EXISTS pending_requests (
              channel_id TEXT PRIMARY KEY, request TEXT NOT NULL, created_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS pending_created ON pending_requests (created_at);
            CREATE TABLE IF NOT EXISTS processed_webhooks (
              channel_id TEXT PRIMARY KEY, record_id TEXT NOT NULL, processed_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS processed_at ON processed_webhooks (processed_at);
            """;
        command.ExecuteNonQuery();
        return true;
    }
}
