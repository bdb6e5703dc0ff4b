using System.Diagnostics;
using FakeRiver.Scenarios.Hosting;

namespace FakeRiver.Scenarios.Running;

/// <summary>
/// Moves virtual time the way a quiet system would experience it: wait until nothing is in flight, no thread-pool
/// work is queued or running and nothing changed for a moment (everything is parked on a timer or a socket), then
/// jump to the next due timer. Minutes of timeouts and retries pass in milliseconds of wall time.
/// </summary>
/// <remarks>
/// The driver runs on a thread of its own, outside the thread pool, so "no pool thread is running anything" is an
/// exact signal that the apps are parked rather than a guess from how long nothing was seen.
/// </remarks>
internal sealed class VirtualTimeDriver(VirtualClock clock, WorldActivity activity)
{
    // Parked = this many polls in a row, spanning at least QuietTime, with nothing running, queued or changed.
    private const int QuietPolls = 16;
    private static readonly TimeSpan QuietTime = TimeSpan.FromMilliseconds(0.3);

    // A world busy for this long (a slow backend call, a thread-pool hog) is let go on; the run's wall cap still applies.
    private static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(5);

    // With no timer armed, wait this many settles for the browser or a backend to start something before giving up.
    private const int IdleSettles = 50;

    public Task<bool> RunUntilAsync(Func<bool> done, TimeSpan cap, CancellationToken ct) =>
        Task.Factory.StartNew(() => RunUntil(done, cap, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private bool RunUntil(Func<bool> done, TimeSpan cap, CancellationToken ct)
    {
        var limit = clock.GetUtcNow() + cap;
        var idle = 0;
        while (true)
        {
            Settle(ct);
            if (done()) return true;
            if (clock.NextDue() is not { } next)
            {
                if (++idle > IdleSettles) return false;
                continue;
            }
            if (next > limit) return false;
            idle = 0;
            clock.AdvanceTo(next);
        }
    }

    /// <summary>Returns once the world is parked (bounded by <see cref="MaxSettle"/>).</summary>
    private void Settle(CancellationToken ct)
    {
        var quiet = 0;
        var last = -1L;
        var watch = Stopwatch.StartNew();
        var quietSince = TimeSpan.Zero;
        var spinner = new SpinWait();
        while ((quiet < QuietPolls || watch.Elapsed - quietSince < QuietTime) && watch.Elapsed < MaxSettle)
        {
            ct.ThrowIfCancellationRequested();
            // Yield the core to the apps' threads: a poll, not a sleep.
            spinner.SpinOnce(sleep1Threshold: -1);
            var version = activity.Version;
            var idle = activity.InFlight == 0 && ThreadPool.PendingWorkItemCount == 0 && BusyWorkers() == 0 && version == last;
            if (!idle || quiet == 0) quietSince = watch.Elapsed;
            quiet = idle ? quiet + 1 : 0;
            last = version;
        }
    }

    /// <summary>Thread-pool threads running a work item right now (the driver's own thread is not one of them).</summary>
    private static int BusyWorkers()
    {
        ThreadPool.GetMaxThreads(out var max, out _);
        ThreadPool.GetAvailableThreads(out var available, out _);
        return max - available;
    }
}
