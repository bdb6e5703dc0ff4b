using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace FakeRiver.Scenarios.Hosting;

/// <summary>
/// The virtual time of an in-memory world: a <see cref="FakeTimeProvider"/> that also knows when each of its
/// timers is next due, so the runner can jump straight to the next event instead of stepping through idle time.
/// Every timer change touches <see cref="WorldActivity"/> (a timer set is progress).
/// </summary>
internal sealed class VirtualClock(DateTimeOffset start, WorldActivity activity) : TimeProvider
{
    private readonly ConcurrentDictionary<TrackedTimer, byte> _timers = new();

    public FakeTimeProvider Inner { get; } = new(start) { AutoAdvanceAmount = TimeSpan.Zero };

    public DateTimeOffset Start { get; } = start;

    public override DateTimeOffset GetUtcNow() => Inner.GetUtcNow();

    public override long GetTimestamp() => Inner.GetTimestamp();

    public override long TimestampFrequency => Inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TrackedTimer(this, callback, state);
        timer.Arm(dueTime, period);
        return timer;
    }

    /// <summary>The earliest instant a live timer is due, or null when no timer is armed.</summary>
    public DateTimeOffset? NextDue()
    {
        DateTimeOffset? next = null;
        foreach (var timer in _timers.Keys)
        {
            if (timer.Due is { } due && (next is null || due < next)) next = due;
        }
        return next;
    }

    /// <summary>Moves time to <paramref name="instant"/> (never backwards), firing every timer due by then.</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        var step = instant - GetUtcNow();
        if (step > TimeSpan.Zero) Inner.Advance(step);
        activity.Touch();
    }

    internal void Track(TrackedTimer timer, bool armed)
    {
        if (armed) _timers[timer] = 0;
        else _timers.TryRemove(timer, out _);
        activity.Touch();
    }
}
