namespace ChatBackend.Webhooks;

/// <summary>What became of an authenticated webhook.</summary>
public enum WebhookOutcomeKind
{
    /// <summary>A channel this backend started: stored, called back when event-driven.</summary>
    Processed,

    /// <summary>A channel already processed (a retry or a redelivery, even after a restart): nothing new happened.</summary>
    Duplicate,

    /// <summary>A channel this backend has no pending request for: nothing stored, nobody called back.</summary>
    UnknownChannel,

    /// <summary>The callback URL is not on the configured gateway, or names another channel: refused before any change.</summary>
    CallbackRefused,
}
