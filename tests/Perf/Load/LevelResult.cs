namespace Perf.Load;

/// <summary>One concurrency level: FakeRiver, the limit and the accept comparison, and the ratios between them.</summary>
public sealed record LevelResult(int Streams, StreamMetrics FakeRiver, StreamMetrics Limit, AcceptResult AcceptFakeRiver, AcceptResult AcceptWireMock)
{
    /// <summary>
    /// FakeRiver's added per-token latency against the limit's: (ITL p99 - pace) over (ITL p99 - pace). Both sides
    /// pace with the same timer, so the limit's excess is the timer and loopback cost alone.
    /// </summary>
    public double OverheadP99Ratio => Ratio(FakeRiver.ItlP99ExcessMs, Limit.ItlP99ExcessMs);

    /// <summary>Plain ratio of the ITL p99s (1.0 = as fast as the limit).</summary>
    public double ItlP99Ratio => Ratio(FakeRiver.Itl.P99Ms, Limit.Itl.P99Ms);

    /// <summary>FakeRiver's async-accept rate over WireMock.Net's static stub, same driver and concurrency.</summary>
    public double AcceptRatioVsWireMock => Ratio(AcceptFakeRiver.RequestsPerSecond, AcceptWireMock.RequestsPerSecond);

    /// <summary>FakeRiver's server CPU per accepted request (its pipeline included) over WireMock.Net's per stub request.</summary>
    public double CpuRatioVsWireMock => Ratio(AcceptFakeRiver.CpuMsPerRequest, AcceptWireMock.CpuMsPerRequest);

    /// <summary>FakeRiver's process: spawn until its first HTTP answer.</summary>
    public double FakeRiverColdStartMs { get; init; }

    private static double Ratio(double a, double b) => b > 0 ? Math.Round(a / b, 3) : double.NaN;
}
