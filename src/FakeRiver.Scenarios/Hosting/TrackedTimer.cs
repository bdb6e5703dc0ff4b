namespace FakeRiver.Scenarios.Hosting;

/// <summary>A <see cref="VirtualClock"/> timer: the fake clock's own timer plus its next due instant.</summary>
internal sealed class TrackedTimer : ITimer
{
    private readonly VirtualClock _clock;
    private readonly TimerCallback _callback;
    private readonly ITimer _inner;
    private readonly Lock _gate = new();
    private TimeSpan _period = Timeout.InfiniteTimeSpan;
    private DateTimeOffset? _due;

    public TrackedTimer(VirtualClock clock, TimerCallback callback, object? state)
    {
        _clock = clock;
        _callback = callback;
        _inner = clock.Inner.CreateTimer(Fire, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public DateTimeOffset? Due
    {
        get { lock (_gate) return _due; }
    }

    public void Arm(TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _period = period;
            _due = dueTime == Timeout.InfiniteTimeSpan ? null : _clock.GetUtcNow() + dueTime;
        }
        _clock.Track(this, _due is not null);
        _inner.Change(dueTime, period);
    }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        Arm(dueTime, period);
        return true;
    }

    private void Fire(object? state)
    {
        bool armed;
        lock (_gate)
        {
            var periodic = _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan;
            _due = periodic ? _clock.GetUtcNow() + _period : null;
            armed = _due is not null;
        }
        _clock.Track(this, armed);
        _callback(state);
    }

    public void Dispose()
    {
        lock (_gate) _due = null;
        _clock.Track(this, false);
        _inner.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
