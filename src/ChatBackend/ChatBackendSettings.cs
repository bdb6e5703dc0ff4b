using System.Globalization;

namespace ChatBackend;

/// <summary>
/// Reads the example's environment variables into <see cref="ChatBackendOptions"/>. A "ChatBackend" section is bound
/// first, so structured configuration works too; the flat variables win because they are what the example documents.
/// </summary>
internal static class ChatBackendSettings
{
    public const string Section = "ChatBackend";

    public static void Apply(ChatBackendOptions options, IConfiguration configuration, IHostEnvironment environment)
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

        // The example relaxes the missing-secret check only under NODE_ENV=development; here that is the host environment.
        options.AllowUnsignedWebhooks |= environment.IsDevelopment()
            || string.Equals(configuration["NODE_ENV"], "development", StringComparison.Ordinal);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // The example concatenates "/v1/ai/async" to the URL; trimming avoids a double slash when the variable ends in "/".
    private static string TrimSlash(string value) => value.TrimEnd('/');
}
