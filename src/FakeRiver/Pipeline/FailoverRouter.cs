using FakeRiver.Providers;
using FakeRiver.Requests;
using FakeRiver.Workflows;

namespace FakeRiver.Pipeline;

/// <summary>
/// Tries a workflow's providers in order (DESIGN.md 3.7). An attempt fails on a provider failure, its timeout, or
/// output the schema rejects; the next provider continues from the text already streamed, so the client's
/// deltas always concatenate to the final text. Each attempt is recorded for <c>meta.attempts</c>.
/// </summary>
public sealed class FailoverRouter(ProviderCatalog providers, OutputGate gate, RandomSource random, TimeProvider time)
{
    public async Task<RunOutcome> RunAsync(RiverRequest request, CancellationToken ct)
    {
        var workflow = request.Workflow;
        var seed = random.Derive($"{workflow.Name}\u0000{request.Body["messages"]?.ToJsonString()}");
        if (workflow.TestMode) return await TestModeAsync(request, seed, ct);

        var attempts = new List<AttemptRecord>();
        for (var i = 0; i < workflow.Providers.Count; i++)
        {
            var definition = workflow.Providers[i];
            var attempt = i + 1;
            var status = i == 0 ? "processing" : "failover";
            request.Log.PublishStatus(ResponsePayloads.Status(request, status, attempt, definition.Provider, definition.Model,
                attempts.Count > 0 ? attempts[^1].Reason : null));

            var started = time.GetTimestamp();
            var failure = await StreamAttemptAsync(request, definition, attempt, seed, ct);
            var duration = (long)time.GetElapsedTime(started).TotalMilliseconds;
            if (failure is null)
            {
                var checkedOutput = gate.Check(workflow, request.Log.CommittedText, seed);
                if (checkedOutput.Data is not null)
                {
                    attempts.Add(new AttemptRecord(definition.Provider, definition.Model, true, duration, null));
                    return new RunOutcome(checkedOutput.Data, attempts, definition.Provider, definition.Model,
                        (int)request.Log.LastSeq, checkedOutput.OfflineFallback);
                }
                failure = checkedOutput.Reason;
            }
            attempts.Add(new AttemptRecord(definition.Provider, definition.Model, false, duration, failure));
        }
        return new RunOutcome(null, attempts, null, null, (int)request.Log.LastSeq);
    }

    /// <summary>Streams one attempt into the channel log; returns the failure reason, or null on a clean finish.</summary>
    private async Task<string?> StreamAttemptAsync(RiverRequest request, ProviderDefinition definition, int attempt, int seed,
        CancellationToken ct)
    {
        using var timeout = definition.TimeoutMs > 0
            ? new CancellationTokenSource(TimeSpan.FromMilliseconds(definition.TimeoutMs), time)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var call = new ProviderCall(request, definition, attempt, request.Log.CommittedText, seed);
        try
        {
            await foreach (var delta in providers.For(definition.Type).StreamAsync(call, linked.Token))
            {
                if (delta.Length > 0) request.Log.AppendToken(delta, attempt, definition.Provider, definition.Model);
            }
            return null;
        }
        catch (ProviderFailure failure)
        {
            return failure.Reason;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return "timeout";
        }
    }

    private async Task<RunOutcome> TestModeAsync(RiverRequest request, int seed, CancellationToken ct)
    {
        var workflow = request.Workflow;
        await time.DelayUntilAsync(request.CreatedAt + TimeSpan.FromMilliseconds(workflow.TestModeDelayMs), ct);
        var data = gate.SampleData(workflow, seed);
        AttemptRecord[] attempts = [new("Testing", "test-mode", true, workflow.TestModeDelayMs, null)];
        return new RunOutcome(data, attempts, "Testing", "test-mode", 0, TestMode: true);
    }
}
