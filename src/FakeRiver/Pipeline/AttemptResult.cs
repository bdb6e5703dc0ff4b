namespace FakeRiver.Pipeline;

/// <summary>How one streamed attempt ended: cleanly (no failure), or with the reason for <c>meta.attempts</c>.</summary>
internal sealed record AttemptResult(string? Failure)
{
    /// <summary>The provider's Retry-After, when its failure carried one (shown on the dashboard and in traces).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static AttemptResult Clean { get; } = new((string?)null);
}
