using Microsoft.Extensions.Time.Testing;

namespace Contract.Providers;

/// <summary>A virtual clock that counts the timers made on it.</summary>
internal sealed class TimerCountingClock(DateTimeOffset start) : TimeProvider
{
    private int _timers;

    public FakeTimeProvider Inner { get; } = new(start);

    public int TimersCreated => Volatile.Read(ref _timers);

    public override DateTimeOffset GetUtcNow() => Inner.GetUtcNow();

    public override long GetTimestamp() => Inner.GetTimestamp();

    public override long TimestampFrequency => Inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timers);
        return Inner.CreateTimer(callback, state, dueTime, period);
    }
}
