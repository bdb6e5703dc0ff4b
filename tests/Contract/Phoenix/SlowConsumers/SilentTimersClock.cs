using Microsoft.Extensions.Time.Testing;

namespace Contract.Phoenix.SlowConsumers;

/// <summary>A virtual clock whose timers never fire: stands for a timer callback that comes late.</summary>
internal sealed class SilentTimersClock : TimeProvider
{
    public FakeTimeProvider Inner { get; } = new();

    public override DateTimeOffset GetUtcNow() => Inner.GetUtcNow();

    public override long GetTimestamp() => Inner.GetTimestamp();

    public override long TimestampFrequency => Inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Silent();

    private sealed class Silent : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
