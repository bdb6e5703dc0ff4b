namespace Contract.ChatBackend.Infrastructure;

/// <summary>
/// The example's variables for one test host. Every key is always set (empty = not configured), so variables of
/// the machine running the tests never leak in.
/// </summary>
public sealed record BackendSettings
{
    public const string ApiKey = "mr_test_backend_key";
    public const string Secret = "whsec_backend_test";

    public string ModelRiverApiUrl { get; init; } = "http://127.0.0.1:5080";
    public string ApiKeyValue { get; init; } = ApiKey;
    public string BackendPublicUrl { get; init; } = "http://localhost:4100";
    public string WebhookSecret { get; init; } = Secret;
    public string Port { get; init; } = "4100";

    /// <summary>SQLite file; null = a fresh temp file the host deletes when disposed. Set it to restart on the same file.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>WEBHOOK_INSECURE_DEV (empty = not set).</summary>
    public string InsecureDev { get; init; } = "";

    /// <summary>WEBHOOK_TOLERANCE_SECONDS (empty = the default, 5 minutes).</summary>
    public string ToleranceSeconds { get; init; } = "";

    /// <summary>Further settings (e.g. <c>ChatBackend:MaxConversations</c>).</summary>
    public Dictionary<string, string?> Extra { get; init; } = [];

    /// <summary>Host environment; WebApplicationFactory's default is Development, which relaxes the missing secret.</summary>
    public string Environment { get; init; } = "Production";

    public Dictionary<string, string?> ToConfiguration(string? databasePath = null) => new(Extra)
    {
        ["CHATBACKEND_DB"] = databasePath ?? DatabasePath ?? "",
        ["DATA_DIR"] = string.Empty,
        ["WEBHOOK_INSECURE_DEV"] = InsecureDev,
        ["WEBHOOK_TOLERANCE_SECONDS"] = ToleranceSeconds,
        ["PORT"] = Port,
        ["MODELRIVER_API_URL"] = ModelRiverApiUrl,
        ["MODELRIVER_API_KEY"] = ApiKeyValue,
        ["BACKEND_PUBLIC_URL"] = BackendPublicUrl,
        ["WEBHOOK_SECRET"] = WebhookSecret,
        ["NODE_ENV"] = string.Empty,
    };
}
