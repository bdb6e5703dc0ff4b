namespace ChatBackend.Webhooks;

/// <summary>What the webhook answer reports: the stored record's id and the channel (null when the body named none).</summary>
/// <param name="Duplicate">True when the channel was already processed and nothing new happened.</param>
public sealed record WebhookOutcome(string RecordId, string? ChannelId, bool Duplicate);
