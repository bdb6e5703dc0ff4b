namespace FakeRiver;

public static class TimeProviderExtensions
{
    /// <summary>
    /// Waits until an absolute instant. Absolute deadlines keep virtual-time tests race-free: if the clock was
    /// advanced before this call, the wait is already over instead of starting late.
    /// </summary>
    public static Task DelayUntilAsync(this TimeProvider time, DateTimeOffset due, CancellationToken ct)
    {
        var wait = due - time.GetUtcNow();
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, ct) : Task.CompletedTask;
    }
}
