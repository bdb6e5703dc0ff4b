using System.Globalization;

namespace ChatBackend;

/// <summary>
/// Reads the example's environment variables into <see cref="ChatBackendOptions"/>. A "ChatBackend" section is bound
/// first, so structured configuration works too; the flat variables win because they are what the example documents.
/// </summary>
internal static class ChatBackendSettings
{
    public const string Section = "ChatBackend";

    public static void Apply(ChatBackendOptions options, IConfiguration configuration)
    {
        var port = configuration["PORT"];
        if (!string.IsNullOrWhiteSpace(port))
        {
            // An unparsable PORT becomes -1 so the validator reports it instead of silently using 4000.
            options.Port = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : -1;
        }

        options.ModelRiverApiUrl = TrimSlash(NonEmpty(configuration["MODELRIVER_API_URL"]) ?? options.ModelRiverApiUrl);
        options.ModelRiverApiKey = NonEmpty(configuration["MODELRIVER_API_KEY"]) ?? options.ModelRiverApiKey;
        options.WebhookSecret = NonEmpty(configuration["WEBHOOK_SECRET"]) ?? options.WebhookSecret;

        var publicUrl = NonEmpty(configuration["BACKEND_PUBLIC_URL"]) ?? configuration[$"{Section}:BackendPublicUrl"];
        options.BackendPublicUrl = TrimSlash(publicUrl ?? $"http://localhost:{options.Port}");

        // The example accepts unsigned webhooks whenever NODE_ENV=development; here only an explicit opt-in does.
        if (NonEmpty(configuration["WEBHOOK_INSECURE_DEV"]) is { } insecure) options.InsecureDevWebhooks = insecure is "1" or "true";
        if (NonEmpty(configuration["WEBHOOK_TOLERANCE_SECONDS"]) is { } tolerance) options.WebhookTolerance = Seconds(tolerance);
        if (NonEmpty(configuration["CHATBACKEND_RETENTION_DAYS"]) is { } days)
        {
            options.Retention = int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? TimeSpan.FromDays(d) : TimeSpan.Zero;
        }
        options.DatabasePath = NonEmpty(configuration["CHATBACKEND_DB"])
            ?? (options.DatabasePath != ChatBackendOptions.DefaultDatabaseFile ? options.DatabasePath : null)
            ?? Path.Combine(NonEmpty(configuration["DATA_DIR"]) ?? Directory.GetCurrentDirectory(), ChatBackendOptions.DefaultDatabaseFile);
    }

    // An unparsable or non-positive value becomes zero, which the validator reports by name.
    private static TimeSpan Seconds(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : TimeSpan.Zero;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // The example concatenates "/v1/ai/async" to the URL; trimming avoids a double slash when the variable ends in "/".
    private static string TrimSlash(string value) => value.TrimEnd('/');
}
