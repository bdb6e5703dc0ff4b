namespace ChatBackend;

/// <summary>
/// ChatBackend's settings, read from the same variables as the public Node example (PORT, MODELRIVER_API_URL,
/// MODELRIVER_API_KEY, BACKEND_PUBLIC_URL, WEBHOOK_SECRET) so one .env serves either backend, plus the safety
/// and storage settings the example lacks (README, "ChatBackend").
/// Validated at start-up by <see cref="ChatBackendOptionsValidator"/>.
/// </summary>
public sealed class ChatBackendOptions
{
    /// <summary>The example's default port.</summary>
    public const int DefaultPort = 4000;

    /// <summary>FakeRiver's default address: the harness is offline, so the real gateway is never the default.</summary>
    public const string DefaultModelRiverApiUrl = "http://127.0.0.1:5080";

    /// <summary>Port to listen on (PORT). <value>4000.</value></summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Base URL of the gateway (MODELRIVER_API_URL), without a trailing slash. <value>http://127.0.0.1:5080.</value></summary>
    public string ModelRiverApiUrl { get; set; } = DefaultModelRiverApiUrl;

    /// <summary>Project key (MODELRIVER_API_KEY); required by /chat and sent on callbacks. <value>None.</value></summary>
    public string? ModelRiverApiKey { get; set; }

    /// <summary>Address the gateway posts webhooks to (BACKEND_PUBLIC_URL). <value>http://localhost:&lt;Port&gt;.</value></summary>
    public string BackendPublicUrl { get; set; } = $"http://localhost:{DefaultPort}";

    /// <summary>HMAC secret of webhook signatures (WEBHOOK_SECRET). <value>None.</value></summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// Accept webhooks without checking their signature when no secret is configured (WEBHOOK_INSECURE_DEV=1).
    /// Off unless asked for explicitly; logged at start-up and on every webhook it lets through. <value>false.</value>
    /// </summary>
    public bool InsecureDevWebhooks { get; set; }

    /// <summary>
    /// How far <c>X-ModelRiver-Timestamp</c> may be from now, either way (WEBHOOK_TOLERANCE_SECONDS); older or
    /// newer webhooks get 401, so a captured delivery cannot be replayed later. <value>5 minutes.</value>
    /// </summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// SQLite file holding conversations, pending requests and processed webhook ids (CHATBACKEND_DB).
    /// <value>chatbackend.db in DATA_DIR when that is set, else in the working directory.</value>
    /// </summary>
    public string DatabasePath { get; set; } = DefaultDatabaseFile;

    /// <summary>File name of the default database.</summary>
    public const string DefaultDatabaseFile = "chatbackend.db";

    /// <summary>
    /// Age after which processed webhook ids, unanswered pending requests and conversations untouched since are
    /// deleted (CHATBACKEND_RETENTION_DAYS). Longer than the gateway's retry schedule (about 3 h 43 min), so a
    /// late redelivery is still recognised. <value>7 days.</value>
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most conversations kept; the least recently updated go first. <value>10,000.</value></summary>
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>Most messages kept per conversation; the oldest go first. <value>1,000.</value></summary>
    public int MaxMessagesPerConversation { get; set; } = 1_000;

    /// <summary>Most pending requests kept; the oldest go first. <value>10,000.</value></summary>
    public int MaxPendingRequests { get; set; } = 10_000;

    /// <summary>Most processed webhook ids kept; the oldest go first. <value>100,000.</value></summary>
    public int MaxProcessedWebhooks { get; set; } = 100_000;

    /// <summary>Largest JSON body accepted; larger ones get 413. <value>100 kB, express.json's default.</value></summary>
    public long MaxBodyBytes { get; set; } = 100 * 1024;

    /// <summary>Timeout of the callback POST to the gateway. <value>30 seconds, as in the example.</value></summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The URL webhooks are requested at: the example's <c>${BACKEND_PUBLIC_URL}/webhook/modelriver</c>.</summary>
    public string WebhookUrl => $"{BackendPublicUrl}/webhook/modelriver";

    /// <summary>The async endpoint of the gateway.</summary>
    public string AsyncUrl => $"{ModelRiverApiUrl}/v1/ai/async";

    /// <summary>The gateway's reconnect endpoint (a fresh ws_token for a channel), which browsers reach through the backend.</summary>
    public string ReconnectUrl => $"{ModelRiverApiUrl}/api/v1/ai/reconnect";
    /// <summary>The only place callbacks may go: the gateway URL with a trailing slash (a prefix, path included).</summary>
    public string CallbackPrefix => $"{ModelRiverApiUrl}/";

    /// <summary>True when a non-empty API key is configured.</summary>
    public bool ApiKeyConfigured => !string.IsNullOrEmpty(ModelRiverApiKey);
}
