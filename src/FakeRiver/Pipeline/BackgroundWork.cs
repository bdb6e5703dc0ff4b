namespace FakeRiver.Pipeline;

/// <summary>
/// Runs fire-and-forget work (pipelines, timers) under one cancellation that fires when the host stops, and
/// keeps faults from vanishing: an exception is logged, never thrown into the void.
/// </summary>
internal sealed class BackgroundWork(IHostApplicationLifetime lifetime, ILogger<BackgroundWork> logger)
{
    private int _running;

    /// <summary>Work items started and not yet finished.</summary>
    public int Running => Volatile.Read(ref _running);

    public void Run(string name, Func<CancellationToken, Task> work)
    {
        var ct = lifetime.ApplicationStopping;
        Interlocked.Increment(ref _running);
        _ = Task.Run(async () =>
        {
            try
            {
                await work(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Host shutting down: nothing to report.
            }
            catch (Exception e)
            {
                logger.LogError(e, "Background work {Name} failed", name);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }, CancellationToken.None);
    }
}
