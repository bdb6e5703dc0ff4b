using FakeRiver.Requests;

namespace FakeRiver.Pipeline;

/// <summary>
/// Runs one accepted request: workflow -> failover router -> providers. Async requests run in the background and
/// hand the outcome to the finisher (response push, webhook, callback deadline); sync requests run inline and the
/// caller answers with the outcome.
/// </summary>
internal sealed class PipelineRunner(FailoverRouter router, RequestFinisher finisher, BackgroundWork work, TimeProvider time)
{
    public void Start(RiverRequest request) => work.Run($"pipeline:{request.ChannelId}", ct => RunAsync(request, null, ct));

    /// <summary>
    /// Cluster take-over: runs a request another node started and stopped, from the provider after
    /// <paramref name="earlier"/>, continuing its committed text (already in its log); then ends it as usual.
    /// </summary>
    public void Continue(RiverRequest request, IReadOnlyList<AttemptRecord> earlier) =>
        work.Run($"pipeline:{request.ChannelId}", ct => RunAsync(request, earlier, ct));

    /// <summary>The same run for <c>POST /v1/ai</c>: the outcome and its duration; no push, no webhook.</summary>
    public async Task<(RunOutcome Outcome, long DurationMs)> RunInlineAsync(RiverRequest request, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var outcome = await router.RunAsync(request, ct);
        return (outcome, (long)time.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task RunAsync(RiverRequest request, IReadOnlyList<AttemptRecord>? earlier, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        RunOutcome outcome;
        try
        {
            outcome = await router.RunAsync(request, ct, earlier);
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
