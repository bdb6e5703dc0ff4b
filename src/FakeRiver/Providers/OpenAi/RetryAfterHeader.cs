using System.Net.Http.Headers;

namespace FakeRiver.Providers.OpenAi;

/// <summary>Retry-After as a delay: delta-seconds, or an HTTP date measured against the injected clock (never negative).</summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? Read(HttpResponseHeaders headers, TimeProvider time) => headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
