namespace FakeRiver.Providers;

/// <summary>A provider attempt failed (HTTP status, reset, malformed stream). <see cref="Reason"/> lands in meta.attempts.</summary>
internal sealed class ProviderFailure(string reason, int? status = null, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception($"Provider failed: {reason}", inner)
{
    public string Reason { get; } = reason;

    public int? Status { get; } = status;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>The reason for an HTTP status: <c>http_429</c>, <c>http_503</c>, ...</summary>
    public static ProviderFailure FromStatus(int status, TimeSpan? retryAfter = null) =>
        new($"http_{status}", status, retryAfter);
}
