using HdrHistogram;

namespace Perf.Load;

/// <summary>p50/p95/p99/max of raw samples (microseconds in, milliseconds out), through an HdrHistogram.</summary>
public sealed record LatencyStats(long Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    /// <summary>One hour in microseconds: anything slower is a hang, not a latency.</summary>
    private const long HighestUs = 3_600_000_000;

    public static LatencyStats From(IReadOnlyCollection<long> microseconds)
    {
        if (microseconds.Count == 0) return new LatencyStats(0, 0, 0, 0, 0);
        var histogram = new LongHistogram(HighestUs, 3);
        foreach (var us in microseconds) histogram.RecordValue(Math.Clamp(us, 0, HighestUs));
        return new LatencyStats(histogram.TotalCount, Ms(histogram.GetValueAtPercentile(50)), Ms(histogram.GetValueAtPercentile(95)),
            Ms(histogram.GetValueAtPercentile(99)), Ms(histogram.GetMaxValue()));
    }

    private static double Ms(long us) => Math.Round(us / 1000.0, 3);
}
