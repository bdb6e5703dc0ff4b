namespace FakeRiver.Providers;

/// <summary>
/// One timer for every paced wait of the built-in providers (a token's due time in a simulated or replayed stream).
/// A <c>Task.Delay</c> per token per stream made a timer, a promise and a cancellation registration for every token
/// (tests/Perf/results/profile-token.md); here each stream holds one reusable <see cref="PaceWaiter"/>, due times wait
/// in a priority queue, and the single timer is armed for the earliest of them.
/// </summary>
/// <remarks>
/// Due times are absolute instants on the injected clock, as <see cref="TimeProviderExtensions.DelayUntilAsync"/>'s
/// are, so virtual-time runs stay exact: a wait already due when asked for ends at once, and a moved clock ends every
/// wait it passed. Waiters resume on the thread pool, never on the timer's thread, so one firing that ends many waits
/// does not run every stream's next step on one thread.
/// </remarks>
internal sealed class PaceScheduler : IDisposable
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<(PaceWaiter Waiter, short Version), long> _due = new();
    private readonly ITimer _timer;

    // How early a wait may end: the system timer counts whole milliseconds (and Task.Delay, used before, truncated
    // to them), so it fires up to 1 ms before a due time on the wall clock; re-arming for that remainder would spin
    // on zero-length timers. A virtual clock fires exactly, so its waits never end early.
    private readonly long _earlyTicks;
    private long _armedFor = long.MaxValue;
    private bool _disposed;

    public PaceScheduler(TimeProvider time)
    {
        Time = time;
        _earlyTicks = time == TimeProvider.System ? TimeSpan.TicksPerMillisecond : 0;
        _timer = time.CreateTimer(static state => ((PaceScheduler)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The clock every due time is read on.</summary>
    public TimeProvider Time { get; }

    /// <summary>Waits currently queued (cancelled ones stay until their due time passes).</summary>
    public int Queued
    {
        get { lock (_gate) return _due.Count; }
    }

    /// <summary>A waiter for one stream's successive waits; cancelling <paramref name="ct"/> ends the wait in progress.</summary>
    public PaceWaiter CreateWaiter(CancellationToken ct) => new(this, ct);

    internal void Enqueue(PaceWaiter waiter, short version, DateTimeOffset due)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _due.Enqueue((waiter, version), due.UtcTicks);
            // Earlier than the armed timer, or already passed (a virtual clock moved since the waiter looked).
            if (due.UtcTicks < _armedFor || due.UtcTicks <= Time.GetUtcNow().UtcTicks + _earlyTicks) DrainLocked();
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (!_disposed) DrainLocked();
        }
    }

    /// <summary>
    /// Ends every wait that is due, then arms the timer for the next one, all in one hold of the lock.
    /// </summary>
    /// <remarks>
    /// Ending a wait under the lock is safe and cheap: it only queues the waiter's continuation to the thread pool (a
    /// lock taken per ended wait contended with the streams queuing their next waits: 1,000 streams at 50 tokens/s end
    /// ~50 waits per millisecond). A timer counts from the clock as it is when armed: if another thread moved a virtual
    /// clock past the next due time meanwhile, that timer is late, so the loop ends those waits itself.
    /// </remarks>
    private void DrainLocked()
    {
        while (true)
        {
            var now = Time.GetUtcNow().UtcTicks;
            long next;
            while (_due.TryPeek(out var entry, out next) && next <= now + _earlyTicks)
            {
                _due.Dequeue();
                entry.Waiter.Complete(entry.Version);
            }
            if (_due.Count == 0)
            {
                _armedFor = long.MaxValue;
                return;
            }
            _armedFor = next;
            _timer.Change(TimeSpan.FromTicks(next - now), Timeout.InfiniteTimeSpan);
            if (Time.GetUtcNow().UtcTicks + _earlyTicks < next) return;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _due.Clear();
        }
        _timer.Dispose();
    }
}
