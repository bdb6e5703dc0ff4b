namespace Perf.Load;

/// <summary>
/// One side of the async-accept comparison. <see cref="CpuMsPerRequest"/> is this process's CPU time (server and
/// driver together, the driver's share being the same for both sides) over the measured requests: steadier than the
/// rate when other processes share the cores.
/// </summary>
public sealed record AcceptResult(int Requests, int Concurrency, double Seconds, double RequestsPerSecond, int Failures, LatencyStats Latency, ProcessUsage Usage)
{
    public double CpuMsPerRequest => Math.Round(Usage.CpuSeconds * 1000 / Requests, 3);
}
