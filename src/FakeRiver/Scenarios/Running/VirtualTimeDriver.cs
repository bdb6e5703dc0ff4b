using FakeRiver.Scenarios.Hosting;

namespace FakeRiver.Scenarios.Running;

/// <summary>
/// Moves virtual time the way a quiet system would experience it: wait until nothing is in flight, no thread-pool
/// work is queued and nothing changed for a few polls (everything is parked on a timer or a socket), then jump
/// to the next due timer. Minutes of timeouts and retries pass in milliseconds of wall time.
/// </summary>
internal sealed class VirtualTimeDriver(VirtualClock clock, WorldActivity activity)
{
    // Polls in a row with nothing happening before the world counts as parked.
    private const int QuietPolls = 2;

    public async Task<bool> RunUntilAsync(Func<bool> done, TimeSpan cap, CancellationToken ct)
    {
        var limit = clock.GetUtcNow() + cap;
        while (true)
        {
            await SettleAsync(ct);
            if (done()) return true;
            if (clock.NextDue() is not { } next || next > limit) return false;
            clock.AdvanceTo(next);
        }
    }

    /// <summary>Returns once the world is parked (bounded: a busy loop elsewhere cannot stall the run forever).</summary>
    public async Task SettleAsync(CancellationToken ct)
    {
        var quiet = 0;
        var last = -1L;
        for (var poll = 0; quiet < QuietPolls && poll < 5000; poll++)
        {
            // A real-time poll, not a sleep in a test: the runner watches other threads finish their work.
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System, ct);
            var version = activity.Version;
            var idle = activity.InFlight == 0 && ThreadPool.PendingWorkItemCount == 0 && version == last;
            quiet = idle ? quiet + 1 : 0;
            last = version;
        }
    }
}
