using System.Diagnostics;

namespace Perf.Load;

/// <summary>
/// Stopwatch timestamps are the benchmark's clock. FakeRiver's journal speaks wall-clock time, so one pair of
/// readings taken together at start maps a journal instant onto the Stopwatch timeline (same machine, same run).
/// </summary>
public static class Ticks
{
    private static readonly long OriginTicks = Stopwatch.GetTimestamp();
    private static readonly DateTimeOffset OriginWall = TimeProvider.System.GetUtcNow();

    public static long Now() => Stopwatch.GetTimestamp();

    public static double ToMicroseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    public static double ToMilliseconds(long ticks) => ticks * 1_000.0 / Stopwatch.Frequency;

    /// <summary>The Stopwatch timestamp of a wall-clock instant.</summary>
    public static long FromWall(DateTimeOffset instant) =>
        OriginTicks + (long)((instant - OriginWall).TotalSeconds * Stopwatch.Frequency);
}
