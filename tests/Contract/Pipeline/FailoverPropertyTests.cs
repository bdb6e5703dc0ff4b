using System.Text.Json.Nodes;
using Contract.Infrastructure;
using CsCheck;
using FakeRiver.Requests;
using FakeRiver.StructuredOutput;
using FakeRiver.Workflows;
using static Contract.Pipeline.FailoverHarness;

namespace Contract.Pipeline;

/// <summary>
/// Random fault plans over 1-4 providers (CsCheck, seeded): whatever fails and wherever, the stream invariant
/// holds, the attempts match the plan, exactly one final response is pushed, and the final data fits the schema.
/// </summary>
public class FailoverPropertyTests
{
    private static readonly Gen<ProviderPlan> ProviderGen =
        from kind in Gen.OneOf("ok", "status", "reset", "timeout", "invalid")
        from status in Gen.OneOf(429, 500, 502, 503)
        from after in Gen.Int[0, 5]
        select new ProviderPlan(kind, status, after);

    private static readonly Gen<FaultPlan> PlanGen =
        from providers in ProviderGen.List[1, 4]
        from mode in Gen.OneOf("next_provider", "merge", "offline_fallback")
        select new FaultPlan(providers, mode);

    // A fixed seed keeps CI repeatable; CsCheck prints the seed of any failing (shrunk) plan to rerun it.
    [Fact]
    public Task FailoverRouter_RandomFaultPlans_InvariantsHold() =>
        PlanGen.SampleAsync(CheckAsync, seed: "0000000000A1", iter: 40, threads: 1, print: plan => plan.ToString());

    private static async Task CheckAsync(FaultPlan plan)
    {
        var (host, request) = await StartAsync(plan.WorkflowYaml());
        await using var _ = host;
        var responses = await DriveAsync(host, request);

        var (attempts, success, offline) = plan.Expected();
        var final = Assert.Single(responses);
        ContractAssert.Valid("channel-response", final);
        Assert.Equal(success ? "success" : "error", final["status"]!.GetValue<string>());
        Assert.Equal(attempts, Attempts(final));
        Assert.Equal(offline, final["meta"]!["offline_fallback"]?.GetValue<bool>() ?? false);
        var tokens = Tokens(request);
        Assert.Equal(Enumerable.Range(1, tokens.Count).Select(i => (long)i), tokens.Select(t => t["seq"]!.GetValue<long>()));
        if (!success) return;
        AssertStreamSpellsData(request, final);
        host.RiverService<WorkflowCatalog>().TryGet("wf", out var workflow);
        Assert.Empty(host.RiverService<OutputValidator>().Validate(final["data"], workflow.OutputSchema!));
    }

    /// <summary>
    /// Plays the clock: each time an attempt starts (its status event), one virtual second passes — past the
    /// 100 ms first token and the 1 s attempt timeout — until the final response. Returns every response pushed.
    /// </summary>
    private static async Task<List<JsonObject>> DriveAsync(HarnessHost host, RiverRequest request)
    {
        using var subscription = request.Log.Subscribe(0);
        var responses = new List<JsonObject>();
        var advanced = new HashSet<int>();
        foreach (var evt in subscription.Replay.Where(e => e.Event == ChannelEvent.Response)) responses.Add(Parse(evt));
        do
        {
            // Drain first, then look at the statuses: a status that lands after this look is still unread in the
            // channel, so the wait below returns at once and the next round sees it.
            while (subscription.Live.TryRead(out var evt))
            {
                if (evt.Event == ChannelEvent.Response) responses.Add(Parse(evt));
            }
            foreach (var status in request.Log.StatusEvents().Select(Parse))
            {
                if (status["status"]!.GetValue<string>() is "processing" or "failover" && advanced.Add(status["attempt"]!.GetValue<int>()))
                    host.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }
        while (await WaitAsync(subscription, request));
        return responses;
    }

    private static async Task<bool> WaitAsync(ChannelSubscription subscription, RiverRequest request)
    {
        try
        {
            return await subscription.Live.WaitToReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            var statuses = string.Join(" ", request.Log.StatusEvents().Select(e => System.Text.Encoding.UTF8.GetString(e.PayloadUtf8.Span)));
            throw new TimeoutException($"Nothing happened for 10 s. tokens={request.Log.LastSeq} state={request.State} statuses={statuses}");
        }
    }

    private static JsonObject Parse(ChannelEvent evt) => (JsonObject)JsonNode.Parse(evt.PayloadUtf8.Span)!;
}
