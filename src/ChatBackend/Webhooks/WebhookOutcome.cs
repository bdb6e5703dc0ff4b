namespace ChatBackend.Webhooks;

/// <summary>What the webhook answer reports.</summary>
/// <param name="RecordId">The stored record's id (the first one for a duplicate); null when nothing was stored.</param>
/// <param name="ChannelId">The channel the body named; null when it named none.</param>
/// <param name="Refusal">Why the callback URL was refused (<see cref="WebhookOutcomeKind.CallbackRefused"/> only).</param>
public sealed record WebhookOutcome(WebhookOutcomeKind Kind, string? RecordId, string? ChannelId, string? Refusal = null);
