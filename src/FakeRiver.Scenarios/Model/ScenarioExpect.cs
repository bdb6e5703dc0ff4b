namespace FakeRiver.Scenarios.Model;

/// <summary>What must have happened; every field left out is not checked (stream invariants are on by default).</summary>
public sealed record ScenarioExpect
{
    /// <summary>Final <c>response</c> status on the channel: success, completed or error.</summary>
    public string? Status { get; init; }

    /// <summary><c>error.code</c> of a final error response.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The provider attempts, in order, as <c>meta.attempts</c> reports them.</summary>
    public IReadOnlyList<ExpectedAttempt>? Attempts { get; init; }

    /// <summary>What the webhook deliveries must show.</summary>
    public ExpectedWebhook? Webhook { get; init; }

    /// <summary>What the backend's callback must show (event-driven workflows).</summary>
    public ExpectedCallback? Callback { get; init; }

    /// <summary>Statuses the backend answered each webhook attempt with, in order (0 = no answer).</summary>
    public IReadOnlyList<int>? BackendWebhookAnswers { get; init; }

    /// <summary>HTTP status of the backend's <c>/chat</c>.</summary>
    public int? BackendChatAnswer { get; init; }

    /// <summary>Status of the upgrade when the client reuses its token (403 expected).</summary>
    public int? TokenReuseStatus { get; init; }

    /// <summary>Requests that may carry the API key to the forged callback URL's trap (0: the key must not leave).</summary>
    public int? KeyLeaks { get; init; }

    /// <summary>What the sync step must have seen.</summary>
    internal ExpectedSync? Sync { get; init; }

    /// <summary>Whether the final response is the offline fallback.</summary>
    public bool? OfflineFallback { get; init; }

    /// <summary>Whether the request ran in test mode (sample data, no provider).</summary>
    public bool? TestMode { get; init; }

    /// <summary>Tokens in seq order, no gap, no duplicate, concatenating to the final text; on by default.</summary>
    public bool Stream { get; init; } = true;

    /// <summary>Minimum number of socket heartbeats answered (long streams).</summary>
    public int? HeartbeatsMin { get; init; }

    /// <summary>Upper bound on the time to the first token, in milliseconds.</summary>
    public int? TtftMsMax { get; init; }

    /// <summary>Upper bound on the time from request to final response, in milliseconds.</summary>
    public int? E2eMsMax { get; init; }
}
