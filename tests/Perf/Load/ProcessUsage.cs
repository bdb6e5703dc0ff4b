namespace Perf.Load;

/// <summary>CPU seconds (all threads), wall seconds and peak working set of this process over one phase.</summary>
public sealed record ProcessUsage(double CpuSeconds, double WallSeconds, double PeakWorkingSetMb);
