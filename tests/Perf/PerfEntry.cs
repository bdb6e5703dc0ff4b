namespace Perf;

/// <summary>Marker type for the benchmark assembly.</summary>
public static class PerfEntry;
