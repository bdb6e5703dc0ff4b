using System.Globalization;

namespace Perf.Load.Processes;

/// <summary>A server process's own GC counters, sent to the driver as one line (<c>stats a p g0 g1 g2 h</c>).</summary>
public sealed record ServerStats(long AllocatedBytes, double PauseMs, int Gen0, int Gen1, int Gen2, long HeapBytes)
{
    public static ServerStats Current() => new(GC.GetTotalAllocatedBytes(precise: true), GC.GetTotalPauseDuration().TotalMilliseconds,
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetGCMemoryInfo().HeapSizeBytes);

    public string Format() => FormattableString.Invariant($"stats {AllocatedBytes} {PauseMs:R} {Gen0} {Gen1} {Gen2} {HeapBytes}");

    public static ServerStats? Parse(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length != 7 || parts[0] != "stats") return null;
        var c = CultureInfo.InvariantCulture;
        return new(long.Parse(parts[1], c), double.Parse(parts[2], c), int.Parse(parts[3], c), int.Parse(parts[4], c), int.Parse(parts[5], c), long.Parse(parts[6], c));
    }
}
