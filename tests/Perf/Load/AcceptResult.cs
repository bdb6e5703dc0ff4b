namespace Perf.Load;

/// <summary>
/// One side of the async-accept comparison. <see cref="Usage"/> is the server's own process (FakeRiver or
/// WireMock.Net) from the first measured request until it is idle after the last one, so FakeRiver's figure holds
/// each request's background pipeline; <see cref="ClientUsage"/> is the driver's process over the requests.
/// </summary>
public sealed record AcceptResult(int Requests, int Concurrency, double Seconds, double RequestsPerSecond, int Failures, LatencyStats Latency, ProcessUsage Usage, ProcessUsage ClientUsage)
{
    /// <summary>Server CPU ms per request (steadier than the rate when other processes share the cores).</summary>
    public double CpuMsPerRequest => Math.Round(Usage.CpuSeconds * 1000 / Requests, 3);

    public double AllocatedBytesPerRequest => Math.Round((double)Usage.AllocatedBytes / Requests, 0);

    /// <summary>Unmeasured passes it took the server's CPU per request to settle before the measured one.</summary>
    public int WarmPasses { get; init; }
}
