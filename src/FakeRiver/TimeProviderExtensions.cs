namespace FakeRiver;

/// <summary>
/// Waits and timeouts at absolute instants on the injected clock. Absolute deadlines keep virtual-time runs
/// exact: if the clock was moved before (or while) the timer was made, the wait is already over instead of
/// starting late — a test or the scenario runner can move the clock the moment it sees an event.
/// </summary>
internal static class TimeProviderExtensions
{
    /// <remarks>
    /// Not an async method, and no linked token source: it used to run once per streamed token per stream, and those
    /// two were most of what a token allocated (tests/Perf/results/profile-token.md); the providers now pace tokens
    /// through <see cref="Providers.PaceScheduler"/>, and this serves the remaining one-off waits. When the
    /// clock has moved past <paramref name="due"/> while the timer was made, the wait is over at once and that timer
    /// is left to fire on its own (it completes a task nobody waits for).
    /// </remarks>
    public static Task DelayUntilAsync(this TimeProvider time, DateTimeOffset due, CancellationToken ct)
    {
        var wait = due - time.GetUtcNow();
        if (wait <= TimeSpan.Zero) return Task.CompletedTask;
        var delay = Task.Delay(wait, time, ct);
        // The clock may have moved between reading it and making the timer: then the timer is late, so skip it.
        if (time.GetUtcNow() >= due) return ct.IsCancellationRequested ? Task.FromCanceled(ct) : Task.CompletedTask;
        return delay;
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
