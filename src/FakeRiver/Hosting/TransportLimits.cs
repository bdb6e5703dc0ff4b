using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FakeRiver.Hosting;

/// <summary>
/// Kestrel limits that turn a stalled client into a quick 408 instead of a request held open for minutes: headers
/// must arrive within <see cref="HeadersTimeout"/>, and a body at no less than <see cref="MinBodyBytesPerSecond"/>
/// after a grace period. The handlers answer the resulting BadHttpRequestException with the error envelope.
/// </summary>
internal static class TransportLimits
{
    public static readonly TimeSpan HeadersTimeout = TimeSpan.FromSeconds(10);
    public const double MinBodyBytesPerSecond = 240;
    public static readonly TimeSpan BodyGracePeriod = TimeSpan.FromSeconds(5);

    public static void Apply(KestrelServerOptions kestrel)
    {
        kestrel.Limits.RequestHeadersTimeout = HeadersTimeout;
        kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(MinBodyBytesPerSecond, BodyGracePeriod);
    }
}
