namespace FakeRiver;

/// <summary>
/// Waits and timeouts at absolute instants on the injected clock. Absolute deadlines keep virtual-time runs
/// exact: if the clock was moved before (or while) the timer was made, the wait is already over instead of
/// starting late — a test or the scenario runner can move the clock the moment it sees an event.
/// </summary>
internal static class TimeProviderExtensions
{
    public static async Task DelayUntilAsync(this TimeProvider time, DateTimeOffset due, CancellationToken ct)
    {
        var wait = due - time.GetUtcNow();
        if (wait <= TimeSpan.Zero) return;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(wait, time, timer.Token);
        // The clock may have moved between reading it and making the timer: then the timer is late, so drop it.
        if (time.GetUtcNow() >= due)
        {
            await timer.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return;
        }
        await delay;
    }

    /// <summary>A token source cancelled at <paramref name="deadline"/> (at once if it has passed).</summary>
    public static CancellationTokenSource CancelAt(this TimeProvider time, DateTimeOffset deadline)
    {
        var left = deadline - time.GetUtcNow();
        var source = left > TimeSpan.Zero ? new CancellationTokenSource(left, time) : new CancellationTokenSource();
        if (time.GetUtcNow() >= deadline) source.Cancel();
        return source;
    }
}
