using FakeRiver.Requests;

namespace FakeRiver.Pipeline;

/// <summary>
/// Runs one accepted request in the background: workflow -> failover router -> providers, then hands the outcome
/// to the finisher (response push, webhook, callback deadline).
/// </summary>
internal sealed class PipelineRunner(FailoverRouter router, RequestFinisher finisher, BackgroundWork work, TimeProvider time)
{
    public void Start(RiverRequest request) => work.Run($"pipeline:{request.ChannelId}", ct => RunAsync(request, ct));

    private async Task RunAsync(RiverRequest request, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        RunOutcome outcome;
        try
        {
            outcome = await router.RunAsync(request, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A bug must still end the request: the client gets an error response instead of waiting forever.
            finisher.Crash(request, e);
            throw;
        }
        finisher.Finish(request, outcome, (long)time.GetElapsedTime(started).TotalMilliseconds);
    }
}
