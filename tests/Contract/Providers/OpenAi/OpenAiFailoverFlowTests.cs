using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using FakeRiver.Requests;
using WireMock.ResponseBuilders;

namespace Contract.Providers.OpenAi;

/// <summary>
/// FakeRiver in TestServer with a workflow whose primary is <c>type: openai</c> pointing at a WireMock upstream on
/// real loopback (HostRoutingHandler lets loopback through), the backup simulated.
/// </summary>
public class OpenAiFailoverFlowTests
{
    private static string Workflow(Uri baseUrl) => TestWorkflows.ChatbotSchema + $"""

        workflows:
          - name: mr_chatbot_standard
            structured_output: chatbot_response
            providers:
              - provider: ollama
                model: {OpenAiUpstream.Model}
                type: openai
                base_url: {baseUrl}
              - provider: openai
                model: gpt-4o-mini
        """;

    /// <summary>Plain text: a simulated primary drops the connection after 5 tokens, the openai backup continues.</summary>
    private static string ContinuationWorkflow(Uri baseUrl) => $"""
        workflows:
          - name: mr_chatbot_standard
            providers:
              - provider: anthropic
                model: claude
                fault:
                  kind: connection_reset
                  after_tokens: 5
              - provider: ollama
                model: {OpenAiUpstream.Model}
                type: openai
                base_url: {baseUrl}
        """;

    private static async Task<(JsonObject Response, RiverRequest Request)> RunAsync(OpenAiUpstream upstream, string? workflowYaml = null)
    {
        var yaml = workflowYaml ?? Workflow(upstream.BaseUrl);
        await using var host = HarnessHost.Start(new HarnessOptions { WithBackend = false, WorkflowYaml = yaml });
        var started = await AsyncApi.StartAsync(host, AsyncApi.ChatBody("mr_chatbot_standard"));
        Assert.True(host.RiverService<RequestRegistry>().TryGet(started["channel_id"]!.GetValue<string>(), out var request));
        return (await ChannelWatch.WaitForResponseAsync(request.Log, "success"), request);
    }

    [Fact]
    public async Task AsyncRequest_OpenAiPrimaryReturns503_FailsOverToSimulatedAndSucceeds()
    {
        using var upstream = OpenAiUpstream.Start();
        upstream.Answer(Response.Create().WithStatusCode(503).WithBody("""{"error":{"message":"model is loading"}}"""));

        var (response, _) = await RunAsync(upstream);

        var attempts = response["meta"]!["attempts"]!.AsArray();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(("ollama", OpenAiUpstream.Model, "error", "http_503"),
            (attempts[0]!["provider"]!.GetValue<string>(), attempts[0]!["model"]!.GetValue<string>(),
                attempts[0]!["status"]!.GetValue<string>(), attempts[0]!["reason"]!.GetValue<string>()));
        Assert.Equal(("openai", "success"), (attempts[1]!["provider"]!.GetValue<string>(), attempts[1]!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AsyncRequest_OpenAiStreamsValidChatbotJson_DataEqualsIt()
    {
        using var upstream = OpenAiUpstream.Start();
        var answer = new JsonObject
        {
            ["reply"] = "Hi! How can I help?",
            ["summary"] = "Greeting",
            ["sentiment"] = "positive",
            ["confidence"] = 0.9,
            ["topics"] = new JsonArray("greeting"),
            ["action_items"] = new JsonArray(new JsonObject { ["task"] = "Say hello", ["priority"] = "low" }),
        };
        var text = answer.ToJsonString();
        upstream.AnswerSse(OpenAiUpstream.Sse([.. text.Chunk(7).Select(c => new string(c))]));

        var (response, request) = await RunAsync(upstream);

        Assert.True(JsonNode.DeepEquals(answer, response["data"]), response["data"]?.ToJsonString());
        Assert.Equal(text, request.Log.CommittedText);
        var attempt = Assert.Single(response["meta"]!["attempts"]!.AsArray())!;
        Assert.Equal(("ollama", "success"), (attempt["provider"]!.GetValue<string>(), attempt["status"]!.GetValue<string>()));
        Assert.NotNull(Assert.Single(upstream.RequestBodies())["response_format"]);
    }

    [Fact]
    public async Task AsyncRequest_OpenAiContinuesMidStreamAndRepeatsTail_StreamHasNoDuplicate()
    {
        using var upstream = OpenAiUpstream.Start();
        // Like a real model, the continuation first repeats the last characters it was given.
        upstream.Answer(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(message =>
        {
            var messages = JsonNode.Parse(message.Body!)!["messages"]!.AsArray();
            var committed = messages[^2]!["content"]!.GetValue<string>();
            return OpenAiUpstream.Sse(committed[^6..], " and so on.");
        }));

        var (response, request) = await RunAsync(upstream, ContinuationWorkflow(upstream.BaseUrl));

        var text = response["data"]!["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        Assert.EndsWith(" and so on.", text, StringComparison.Ordinal);
        Assert.Equal(text, request.Log.CommittedText);
        var deltas = request.Log.TokenEvents().Select(e => JsonNode.Parse(e.PayloadUtf8.Span)!["delta"]!.GetValue<string>());
        Assert.Equal(text, string.Concat(deltas));
        var sentCommitted = Assert.Single(upstream.RequestBodies())["messages"]![1]!["content"]!.GetValue<string>();
        Assert.Equal(sentCommitted + " and so on.", text);
        var attempts = response["meta"]!["attempts"]!.AsArray();
        Assert.Equal(["connection_reset", null], attempts.Select(a => a!["reason"]?.GetValue<string>()));
    }
}
