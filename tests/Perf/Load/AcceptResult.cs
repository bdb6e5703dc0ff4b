namespace Perf.Load;

/// <summary>One side of the async-accept comparison.</summary>
public sealed record AcceptResult(int Requests, int Concurrency, double Seconds, double RequestsPerSecond, int Failures, LatencyStats Latency);
