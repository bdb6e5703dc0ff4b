namespace ChatBackend;

/// <summary>
/// ChatBackend's settings, read from the same variables as the public Node example (PORT, MODELRIVER_API_URL,
/// MODELRIVER_API_KEY, BACKEND_PUBLIC_URL, WEBHOOK_SECRET) so one .env serves either backend.
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
    /// Accept webhooks when no secret is configured. <value>true only in the Development environment
    /// (the example's NODE_ENV=development).</value>
    /// </summary>
    public bool AllowUnsignedWebhooks { get; set; }

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

    /// <summary>True when a non-empty API key is configured.</summary>
    public bool ApiKeyConfigured => !string.IsNullOrEmpty(ModelRiverApiKey);
}
