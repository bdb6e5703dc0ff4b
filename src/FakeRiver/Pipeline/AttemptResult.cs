namespace FakeRiver.Pipeline;

/// <summary>How one streamed attempt ended: cleanly (no failure), or with the reason for <c>meta.attempts</c>.</summary>
internal sealed record AttemptResult(string? Failure)
{
    public static AttemptResult Clean { get; } = new((string?)null);
}
