using Microsoft.Extensions.Options;

namespace ChatBackend;

/// <summary>Start-up checks of <see cref="ChatBackendOptions"/>: a bad setting stops the host with a clear message.</summary>
public sealed class ChatBackendOptionsValidator : IValidateOptions<ChatBackendOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatBackendOptions options)
    {
        var errors = new List<string>();
        if (options.Port is < 0 or > 65535) errors.Add($"PORT {options.Port} is not a port number.");
        if (!IsHttpUrl(options.ModelRiverApiUrl))
        {
            errors.Add($"MODELRIVER_API_URL '{options.ModelRiverApiUrl}' must be an absolute http(s) URL.");
        }
        if (!IsHttpUrl(options.BackendPublicUrl))
        {
            errors.Add($"BACKEND_PUBLIC_URL '{options.BackendPublicUrl}' must be an absolute http(s) URL.");
        }
        if (options.MaxBodyBytes <= 0) errors.Add("MaxBodyBytes must be positive.");
        if (options.CallbackTimeout <= TimeSpan.Zero) errors.Add("CallbackTimeout must be positive.");
        if (options.WebhookTolerance <= TimeSpan.Zero) errors.Add("WEBHOOK_TOLERANCE_SECONDS must be a positive number of seconds.");
        if (options.Retention <= TimeSpan.Zero) errors.Add("CHATBACKEND_RETENTION_DAYS must be a positive number of days.");
        if (string.IsNullOrWhiteSpace(options.DatabasePath)) errors.Add("CHATBACKEND_DB must name a file.");
        if (options.MaxConversations <= 0 || options.MaxMessagesPerConversation <= 0 || options.MaxPendingRequests <= 0 || options.MaxProcessedWebhooks <= 0)
        {
            errors.Add("MaxConversations, MaxMessagesPerConversation, MaxPendingRequests and MaxProcessedWebhooks must be positive.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
