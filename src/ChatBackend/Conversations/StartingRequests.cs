namespace ChatBackend.Conversations;

/// <summary>
/// The <c>/chat</c> calls whose gateway answer has not been stored as a pending request yet. A fast gateway can
/// deliver the webhook before <c>/chat</c> has stored the channel it just got back; the webhook processor then waits
/// for those calls to finish instead of taking the channel for someone else's.
/// </summary>
public sealed class StartingRequests
{
    private readonly Lock _gate = new();
    private int _inFlight;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Marks a <c>/chat</c> call as started; disposing the result marks it finished (its channel stored or not).</summary>
    public IDisposable Begin()
    {
        lock (_gate) _inFlight++;
        return new Finish(this);
    }

    /// <summary>
    /// Waits until no <c>/chat</c> call is in flight or <paramref name="found"/> holds, re-checking each time a call
    /// finishes; gives up at <paramref name="deadline"/> (on <paramref name="time"/>).
    /// </summary>
    public async Task<bool> WaitAsync(Func<bool> found, TimeProvider time, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + deadline;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (found()) return true;
                if (_inFlight == 0) return false;
                changed = _changed.Task;
            }
            var left = until - time.GetUtcNow();
            if (left <= TimeSpan.Zero) return found();
            try
            {
                await changed.WaitAsync(left, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                return found();
            }
        }
    }

    private void End()
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            _inFlight--;
            done = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        done.TrySetResult();
    }

    private sealed class Finish(StartingRequests owner) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) owner.End();
        }
    }
}
