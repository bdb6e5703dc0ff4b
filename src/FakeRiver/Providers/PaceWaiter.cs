using System.Threading.Tasks.Sources;

namespace FakeRiver.Providers;

/// <summary>
/// One stream's reusable wait on its <see cref="PaceScheduler"/>: <see cref="WaitUntilAsync"/> returns a
/// <see cref="ValueTask"/> backed by this object, so a wait allocates nothing, and the stream's token is registered
/// once, not once per wait. Waits are sequential: the next one starts after the previous one ended.
/// </summary>
internal sealed class PaceWaiter : IValueTaskSource, IDisposable
{
    private readonly PaceScheduler _scheduler;
    private readonly CancellationToken _ct;
    private readonly CancellationTokenRegistration _registration;
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

    // 1 while a wait is queued: whichever of the timer and the cancellation swaps it to 0 ends the wait.
    private int _waiting;

    internal PaceWaiter(PaceScheduler scheduler, CancellationToken ct)
    {
        _scheduler = scheduler;
        _ct = ct;
        _registration = ct.UnsafeRegister(static state => ((PaceWaiter)state!).Cancel(), this);
    }

    /// <summary>Waits until <paramref name="due"/> on the scheduler's clock; over at once if it has passed.</summary>
    public ValueTask WaitUntilAsync(DateTimeOffset due)
    {
        if (_ct.IsCancellationRequested) return ValueTask.FromCanceled(_ct);
        if (due <= _scheduler.Time.GetUtcNow()) return ValueTask.CompletedTask;
        _core.Reset();
        var version = _core.Version;
        Volatile.Write(ref _waiting, 1);
        _scheduler.Enqueue(this, version, due);
        // A cancellation that ran before the wait was marked found nothing to end: end it now.
        if (_ct.IsCancellationRequested) Cancel();
        return new ValueTask(this, version);
    }

    internal void Complete(short version)
    {
        // A queued entry of a wait that was cancelled has an old version or finds nothing waiting.
        if (version == _core.Version && Interlocked.Exchange(ref _waiting, 0) == 1) _core.SetResult(true);
    }

    private void Cancel()
    {
        if (Interlocked.Exchange(ref _waiting, 0) == 1) _core.SetException(new OperationCanceledException(_ct));
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    public void Dispose() => _registration.Dispose();
}
