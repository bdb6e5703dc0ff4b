namespace FakeRiver.Workflows;

/// <summary>A scripted provider fault: an HTTP-like status, a kind, and optionally after how many tokens.</summary>
public sealed record FaultDefinition
{
    /// <summary>Status the provider fails with (429, 500, 503, ...); null when <see cref="Kind"/> says it all.</summary>
    public int? Status { get; init; }

    /// <summary>Tokens streamed before the fault; null or 0 fails before the first token.</summary>
    public int? AfterTokens { get; init; }

    /// <summary>A fault that is not an HTTP status: a reset connection, a timeout or invalid output.</summary>
    public FaultKind? Kind { get; init; }

    /// <summary>Retry-After seconds reported with a 429.</summary>
    public int? RetryAfterSeconds { get; init; }
}
