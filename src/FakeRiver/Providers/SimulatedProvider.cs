using System.Runtime.CompilerServices;
using FakeRiver.Workflows;

namespace FakeRiver.Providers;

/// <summary>
/// The built-in provider: streams <see cref="SimulatedOutput"/> token by token on a seeded schedule (time to first
/// token, tokens per second, jitter) and plays the provider's scripted fault. Every wait is an absolute due time on
/// the injected TimeProvider, so virtual-time runs are exact, and goes through the shared <see cref="PaceScheduler"/>
/// (one timer for all streams, one reusable waiter per stream).
/// </summary>
internal sealed class SimulatedProvider(SimulatedOutput output, PaceScheduler pace) : IModelProvider
{
    /// <summary>What the <c>invalid_output</c> fault emits where the output breaks.</summary>
    public const string InvalidOutputDelta = "\u0007 not what the schema asked for";

    public ProviderType Type => ProviderType.Simulated;

    public async IAsyncEnumerable<string> StreamAsync(ProviderCall call, [EnumeratorCancellation] CancellationToken ct)
    {
        var definition = call.Definition;
        var fault = definition.Fault;
        var started = call.StartedAt;
        var failAfter = fault is null ? -1 : fault.AfterTokens ?? 0;

        var text = output.TextFor(call.Request.Workflow, call.Seed);
        // Continue after what the client already has; a mismatch would break the stream invariant, so it is a failure.
        if (!text.StartsWith(call.CommittedText, StringComparison.Ordinal)) throw new ProviderFailure("continuation_mismatch");
        var tokens = TokenSplitter.Split(text[call.CommittedText.Length..]);

        var jitter = new Random(call.Seed ^ (call.Attempt * 7919));
        var interval = definition.TokensPerSecond > 0 ? TimeSpan.FromSeconds(1 / definition.TokensPerSecond) : TimeSpan.Zero;
        using var waiter = pace.CreateWaiter(ct);
        for (var k = 0; k < tokens.Count; k++)
        {
            // The fault comes when token k would have: a 503 or a reset arrives after the provider's latency too.
            var due = started + TimeSpan.FromMilliseconds(definition.TtftMs) + interval * k
                + TimeSpan.FromMilliseconds(definition.JitterMs > 0 ? jitter.Next(0, definition.JitterMs + 1) : 0);
            await waiter.WaitUntilAsync(due);
            if (k == failAfter)
            {
                if (fault!.Kind == FaultKind.InvalidOutput)
                {
                    // The output goes wrong here: a raw control character is invalid JSON in any position, so the
                    // router's gate rejects this delta and the client keeps only the valid text before it.
                    yield return InvalidOutputDelta;
                    yield break;
                }
                await FailAsync(fault, ct);
            }
            yield return tokens[k];
        }
        if (failAfter >= tokens.Count && fault!.Kind != FaultKind.InvalidOutput) await FailAsync(fault, ct);
    }

    private async Task FailAsync(FaultDefinition fault, CancellationToken ct)
    {
        switch (fault.Kind)
        {
            case FaultKind.Timeout:
                // Hang until the router's attempt timeout (or shutdown) cancels us.
                await Task.Delay(Timeout.InfiniteTimeSpan, pace.Time, ct);
                break;
            case FaultKind.ConnectionReset:
                throw new ProviderFailure("connection_reset");
        }
        var retryAfter = fault.RetryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        throw ProviderFailure.FromStatus(fault.Status ?? 500, retryAfter);
    }
}
