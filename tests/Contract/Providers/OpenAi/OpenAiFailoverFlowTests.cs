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

    private static async Task<(JsonObject Response, RiverRequest Request)> RunAsync(OpenAiUpstream upstream)
    {
        await using var host = HarnessHost.Start(new HarnessOptions { WithBackend = false, WorkflowYaml = Workflow(upstream.BaseUrl) });
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
}
