using FakeRiver.Pipeline;
using FakeRiver.Providers;
using FakeRiver.Requests;
using FakeRiver.StructuredOutput;
using FakeRiver.Workflows;
using WireMock.ResponseBuilders;

namespace Contract.Providers.OpenAi;

/// <summary>
/// An upstream that hangs past timeout_ms: the router's attempt timeout cancels the HTTP call and fails over.
/// This one test runs on real time (the network wait is real); the timeout is short and the hang much longer.
/// </summary>
public class OpenAiTimeoutTests
{
    [Fact]
    public async Task Router_UpstreamHangsPastTimeout_AttemptFailsWithTimeoutPromptly()
    {
        using var upstream = OpenAiUpstream.Start();
        upstream.Answer(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream")
            .WithBody(OpenAiUpstream.Sse("too late")).WithDelay(TimeSpan.FromSeconds(5)));
        var time = TimeProvider.System;
        var simulated = new ProviderDefinition { Provider = "openai", Model = "gpt-4o-mini" };
        var request = ProviderCalls.Request([ProviderCalls.Definition(upstream.BaseUrl, timeoutMs: 300), simulated]);
        var validator = new OutputValidator();
        var router = new FailoverRouter(
            new ProviderCatalog([ProviderCalls.Provider(time), new SimulatedProvider(new SimulatedOutput(), new PaceScheduler(time))]),
            new OutputGate(validator, new StreamingSchemaGate(validator)), new CanonicalCompletion(new SimulatedOutput()),
            new RandomSource(7), time);
        var started = time.GetTimestamp();

        var outcome = await router.RunAsync(request, CancellationToken.None);

        Assert.True(time.GetElapsedTime(started) < TimeSpan.FromSeconds(3), $"took {time.GetElapsedTime(started)}");
        Assert.Equal([("ollama", false, "timeout"), ("openai", true, null)],
            outcome.Attempts.Select(a => (a.Provider, a.Success, a.Reason)));
    }
}
