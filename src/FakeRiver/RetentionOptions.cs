namespace FakeRiver;

/// <summary>
/// How much FakeRiver remembers (section <c>FakeRiver:Retention</c>). Only finished things are forgotten: a running
/// request, a live ws_token's channel and a webhook still being retried stay whatever the limits say. Ages are
/// measured on the injected <see cref="TimeProvider"/>. Defaults are in README.md ("Security and limits").
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>Finished requests (with their channel logs) kept; the oldest-finished go first. <value>1000.</value></summary>
    public int MaxRequests { get; set; } = 1000;

    /// <summary>
    /// How long a finished request, a journal entry or a dead ws_token (used or expired) is kept. <value>1 hour.</value>
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Entries kept per journal (callbacks, sockets, finished webhook deliveries). <value>5000.</value></summary>
    public int MaxJournalEntries { get; set; } = 5000;

    /// <summary>ws_tokens kept, live or dead; beyond it the oldest-issued go first. <value>10000.</value></summary>
    public int MaxTokens { get; set; } = 10_000;
}
