using FakeRiver.Observability;
using FakeRiver.Providers;
using FakeRiver.Requests;
using FakeRiver.Workflows;

namespace FakeRiver.Pipeline;

/// <summary>
/// Tries a workflow's providers in order (docs/ARCHITECTURE.md 3.7). An attempt fails on a provider failure, its timeout, or
/// output the schema rejects — checked per delta before it reaches the client, so a rejected attempt leaves only
/// viable text behind. The next provider continues from that committed text, so the client's deltas always
/// concatenate to the final text. <c>on_invalid</c> decides what a schema violation does (docs/ARCHITECTURE.md 3.8).
/// </summary>
internal sealed class FailoverRouter(ProviderCatalog providers, OutputGate gate, CanonicalCompletion completion,
    RandomSource random, TimeProvider time, RiverEventFeed? events = null)
{
    /// <summary>Who the client sees streaming an offline fallback.</summary>
    public const string FallbackProvider = "fakeriver";
    public const string FallbackModel = "offline-fallback";

    /// <param name="request">The request; its log holds the committed text a continuation starts from.</param>
    /// <param name="ct">Stops the run (shutdown).</param>
    /// <param name="earlier">
    /// Cluster take-over: the attempts another node made before it stopped; the run goes on with the provider after
    /// them (docs/ARCHITECTURE.md 2.1). Empty for a new request.
    /// </param>
    public async Task<RunOutcome> RunAsync(RiverRequest request, CancellationToken ct, IReadOnlyList<AttemptRecord>? earlier = null)
    {
        var workflow = request.Workflow;
        var seed = random.Derive(workflow.Name, request.Body["messages"]);
        if (workflow.TestMode) return await TestModeAsync(request, seed, ct);

        var attempts = new List<AttemptRecord>(earlier ?? []);
        for (var i = attempts.Count; i < workflow.Providers.Count; i++)
        {
            var definition = workflow.Providers[i];
            var attempt = i + 1;
            // Taken before the status goes out: whoever reacts to it by moving the clock cannot outrun the timers.
            var startedAt = time.GetUtcNow();
            request.Log.PublishStatus(ResponsePayloads.Status(request, i == 0 ? "processing" : "failover", attempt,
                definition.Provider, definition.Model, attempts.Count > 0 ? attempts[^1].Reason : null));

            var started = time.GetTimestamp();
            var result = await StreamAttemptAsync(request, definition, attempt, seed, startedAt, ct);
            var failure = result.Failure;
            var checkedOutput = failure is null ? gate.Check(workflow, request.Log.CommittedText) : GateResult.Reject(failure);
            var duration = (long)time.GetElapsedTime(started).TotalMilliseconds;
            if (checkedOutput.Data is { } data)
            {
                Record(request, attempts, new AttemptRecord(definition.Provider, definition.Model, true, duration, null), null);
                return Outcome(request, data, attempts, definition);
            }
            if (checkedOutput.Reason == OutputGate.SchemaViolation && workflow.OnInvalid == OnInvalidMode.Merge
                && completion.Complete(request, seed, attempt, definition.Provider, definition.Model) is { } merged)
            {
                Record(request, attempts, new AttemptRecord(definition.Provider, definition.Model, true, duration, "merged_with_generated_values"), null);
                return Outcome(request, AiOutput.Of(merged), attempts, definition);
            }
            Record(request, attempts, new AttemptRecord(definition.Provider, definition.Model, false, duration, checkedOutput.Reason), result.RetryAfter);
        }

        if (workflow.OnInvalid == OnInvalidMode.OfflineFallback
            && completion.Complete(request, seed, attempts.Count + 1, FallbackProvider, FallbackModel) is { } fallback)
        {
            return new RunOutcome(AiOutput.Of(fallback), attempts, FallbackProvider, FallbackModel, OfflineFallback: true);
        }
        return new RunOutcome(null, attempts, null, null);
    }

    /// <summary>Adds the attempt to <c>meta.attempts</c> and tells the dashboard feed (with the Retry-After, if any).</summary>
    private void Record(RiverRequest request, List<AttemptRecord> attempts, AttemptRecord record, TimeSpan? retryAfter)
    {
        attempts.Add(record);
        events?.Attempt(request, attempts.Count, record.Provider, record.Model, record.Success, record.DurationMs, record.Reason, retryAfter);
    }

    private static RunOutcome Outcome(RiverRequest request, AiOutput data, List<AttemptRecord> attempts,
        ProviderDefinition winner) => new(data, attempts, winner.Provider, winner.Model);

    /// <summary>Streams one attempt into the channel log, each delta gated before it is committed.</summary>
    private async Task<AttemptResult> StreamAttemptAsync(RiverRequest request, ProviderDefinition definition, int attempt,
        int seed, DateTimeOffset startedAt, CancellationToken ct)
    {
        using var timeout = TimeoutSource(definition.TimeoutMs > 0 ? startedAt + TimeSpan.FromMilliseconds(definition.TimeoutMs) : null);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var committed = request.Log.CommittedText;
        // Only structured output is gated: the session scans the committed text once, then each delta once.
        var check = gate.OpenStream(request.Workflow, committed);
        var call = new ProviderCall(request, definition, attempt, committed, seed, startedAt);
        try
        {
            await foreach (var delta in providers.For(definition.Type).StreamAsync(call, linked.Token))
            {
                if (delta.Length == 0) continue;
                if (check is not null && !check.TryAppend(delta)) return new AttemptResult(OutputGate.SchemaViolation);
                request.Log.AppendToken(delta, attempt, definition.Provider, definition.Model);
            }
            return AttemptResult.Clean;
        }
        catch (ProviderFailure failure)
        {
            return new AttemptResult(failure.Reason) { RetryAfter = failure.RetryAfter };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return new AttemptResult("timeout");
        }
    }

    private CancellationTokenSource TimeoutSource(DateTimeOffset? deadline) =>
        deadline is { } at ? time.CancelAt(at) : new CancellationTokenSource();

    private async Task<RunOutcome> TestModeAsync(RiverRequest request, int seed, CancellationToken ct)
    {
        var workflow = request.Workflow;
        await time.DelayUntilAsync(request.CreatedAt + TimeSpan.FromMilliseconds(workflow.TestModeDelayMs), ct);
        AttemptRecord[] attempts = [new("Testing", "test-mode", true, workflow.TestModeDelayMs, null)];
        return new RunOutcome(OutputGate.SampleData(workflow, seed), attempts, "Testing", "test-mode", TestMode: true);
    }
}
