using Microsoft.Extensions.Options;

namespace FakeRiver;

/// <summary>Start-up checks of <see cref="FakeRiverOptions"/>: a bad setting stops the host with a clear message.</summary>
internal sealed class FakeRiverOptionsValidator : IValidateOptions<FakeRiverOptions>
{
    public ValidateOptionsResult Validate(string? name, FakeRiverOptions options)
    {
        var errors = new List<string>();
        if (options.ApiKeys.Count == 0 || options.ApiKeys.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("FakeRiver:ApiKeys must hold at least one non-empty key (or set MODELRIVER_API_KEY).");
        }
        if (string.IsNullOrEmpty(options.WebhookSecret))
        {
            errors.Add("FakeRiver:WebhookSecret must not be empty (or set WEBHOOK_SECRET).");
        }
        if (!Guid.TryParse(options.ProjectId, out _))
        {
            errors.Add($"FakeRiver:ProjectId '{options.ProjectId}' is not a UUID.");
        }
        if (options.TokenTtl <= TimeSpan.Zero) errors.Add("FakeRiver:TokenTtl must be positive.");
        if (options.CallbackTimeout <= TimeSpan.Zero) errors.Add("FakeRiver:CallbackTimeout must be positive.");
        if (options.WebhookAttemptTimeout <= TimeSpan.Zero) errors.Add("FakeRiver:WebhookAttemptTimeout must be positive.");
        if (options.WebhookRetrySchedule.Any(d => d < TimeSpan.Zero)) errors.Add("FakeRiver:WebhookRetrySchedule entries must not be negative.");
        if (options.WebhookTimeScale is <= 0 or double.NaN) errors.Add("FakeRiver:WebhookTimeScale must be positive.");
        if (options.MaxBodyBytes <= 0) errors.Add("FakeRiver:MaxBodyBytes must be positive.");
        if (!string.IsNullOrWhiteSpace(options.Redis))
        {
            try
            {
                _ = StackExchange.Redis.ConfigurationOptions.Parse(options.Redis);
            }
            catch (ArgumentException e)
            {
                errors.Add($"FakeRiver:Redis is not a valid connection string: {e.Message}");
            }
        }
        if (options.ClusterLease <= TimeSpan.Zero) errors.Add("FakeRiver:ClusterLease must be positive.");
        if (options.ClusterRetention <= TimeSpan.Zero) errors.Add("FakeRiver:ClusterRetention must be positive.");
        if (options.RateLimit.Requests < 0) errors.Add("FakeRiver:RateLimit:Requests must not be negative (0 turns the limit off).");
        if (options.RateLimit.WindowSeconds <= 0) errors.Add("FakeRiver:RateLimit:WindowSeconds must be positive.");
        foreach (var origin in options.Cors.Origins.Where(o => !CorsSettings.IsOrigin(o)))
            errors.Add($"FakeRiver:Cors:Origins: '{origin}' is not an origin (scheme://host[:port], or *).");
        if (options.AdminToken is { } token && (token.Length == 0 || token.Any(char.IsWhiteSpace)))
            errors.Add("FakeRiver:AdminToken must not be empty or contain white space.");
        foreach (var host in options.Admin.AllowedHosts.Where(h => !AdminOptions.IsValidHostEntry(h)))
            errors.Add($"FakeRiver:Admin:AllowedHosts entry '{host}' must be a host name or host:port (no scheme, no path).");
        var retention = options.Retention;
        if (retention.MaxRequests < 1) errors.Add("FakeRiver:Retention:MaxRequests must be at least 1.");
        if (retention.MaxJournalEntries < 1) errors.Add("FakeRiver:Retention:MaxJournalEntries must be at least 1.");
        if (retention.MaxTokens < 1) errors.Add("FakeRiver:Retention:MaxTokens must be at least 1.");
        if (retention.MaxAge <= TimeSpan.Zero) errors.Add("FakeRiver:Retention:MaxAge must be positive.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
