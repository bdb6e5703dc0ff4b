namespace Perf.Load;

/// <summary>
/// CPU seconds (all threads), wall seconds, peak memory (working set sampled, or a server's VmHWM), and the GC's
/// share (collections per generation and total pause time, bytes allocated, heap size after the last GC) of one
/// process over one phase.
/// </summary>
public sealed record ProcessUsage(
    double CpuSeconds, double WallSeconds, double PeakWorkingSetMb, int Gen0Collections, int Gen1Collections, int Gen2Collections, double GcPauseMs,
    double AllocatedMb, double HeapAfterMb)
{
    /// <summary>Exact bytes allocated over the phase (0 when only the rounded MB figure is known).</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>A server's resident set when the phase began (0 for the driver): the baseline of memory per stream.</summary>
    public double ResidentAtStartMb { get; init; }
}
