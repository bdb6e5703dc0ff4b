namespace Perf.Load;

/// <summary>
/// CPU seconds (all threads), wall seconds, peak working set, and the GC's share (collections per generation and
/// total pause time, bytes allocated, heap size after the last GC) of this process over one phase.
/// </summary>
public sealed record ProcessUsage(
    double CpuSeconds, double WallSeconds, double PeakWorkingSetMb, int Gen0Collections, int Gen1Collections, int Gen2Collections, double GcPauseMs,
    double AllocatedMb, double HeapAfterMb);
