using FakeRiver.Requests;

namespace FakeRiver.Pipeline;

/// <summary>
/// Runs one accepted request in the background: workflow -> failover router -> providers, then hands the outcome
/// to the finisher (response push, webhook, callback deadline).
/// </summary>
public sealed class PipelineRunner(FailoverRouter router, RequestFinisher finisher, BackgroundWork work, TimeProvider time)
{
    public void Start(RiverRequest request) => work.Run($"pipeline:{request.ChannelId}", ct => RunAsync(request, ct));

    private async Task RunAsync(RiverRequest request, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var outcome = await router.RunAsync(request, ct);
        finisher.Finish(request, outcome, (long)time.GetElapsedTime(started).TotalMilliseconds);
    }
}
