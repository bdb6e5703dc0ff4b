using System.Net;
using System.Text.Json.Nodes;
using ChatBackend.Conversations;
using Contract.ChatBackend.Infrastructure;

namespace Contract.ChatBackend;

public class ChatEndpointTests
{
    [Fact]
    public async Task Chat_ValidMessage_PostsExampleBodyUpstream()
    {
        await using var host = BackendHost.Create();

        using var response = await host.Client.PostJsonAsync("/chat", """{"message":"Hello","conversationId":"conv-1"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(host.River.AsyncCalls);
        Assert.Equal("http://127.0.0.1:5080/v1/ai/async", call.Uri.ToString());
        Assert.Equal("Bearer " + BackendSettings.ApiKey, call.Authorization);
        var body = call.Json;
        Assert.Equal(["workflow", "messages", "delivery_method", "webhook_url", "events", "metadata"], body.Select(p => p.Key));
        Assert.Equal("mr_chatbot_workflow", (string)body["workflow"]!);
        Assert.Equal("""[{"role":"user","content":"Hello"}]""", body["messages"]!.ToJsonString());
        Assert.Equal("websocket", (string)body["delivery_method"]!);
        Assert.Equal("http://localhost:4100/webhook/modelriver", (string)body["webhook_url"]!);
        Assert.Equal("""["webhook_received"]""", body["events"]!.ToJsonString());
        var metadata = body["metadata"]!.AsObject();
        Assert.Equal("conv-1", (string)metadata["conversation_id"]!);
        Assert.True(Guid.TryParse((string)metadata["message_id"]!, out _));
        Assert.Equal("Hello", (string)metadata["original_prompt"]!);
        Assert.Equal(BackendHost.Start.ToUnixTimeMilliseconds(), (long)metadata["timestamp"]!);
    }

    [Fact]
    public async Task Chat_ValidMessage_RepliesWithGatewayFieldsOnlyAndRemembersRequest()
    {
        await using var host = BackendHost.Create();
        host.River.OnAsync = (_, _) => Task.FromResult(FakeModelRiver.Json(HttpStatusCode.OK, FakeModelRiver.PendingBody("chan-1")));

        using var response = await host.Client.PostJsonAsync("/chat", """{"message":"Hello"}""");

        var reply = await response.JsonAsync();
        Assert.Equal(["channel_id", "ws_token", "websocket_url", "websocket_channel", "project_id"], reply.Select(p => p.Key));
        Assert.Equal(FakeModelRiver.PendingBody("chan-1")["websocket_channel"]!.ToJsonString(), reply["websocket_channel"]!.ToJsonString());
        var pending = host.Service<IPendingRequestStore>().Find("chan-1");
        Assert.NotNull(pending);
        Assert.Equal("Hello", pending.Prompt);
        Assert.Equal((string)host.River.AsyncCalls[0].Json["metadata"]!["message_id"]!, pending.MessageId);
    }

    [Fact]
    public async Task Chat_WorkflowAndEventsGiven_ForwardsThem()
    {
        await using var host = BackendHost.Create();

        using var response = await host.Client.PostJsonAsync("/chat", """{"message":"Hi","workflow":"support","events":[]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = host.River.AsyncCalls[0].Json;
        Assert.Equal("support", (string)body["workflow"]!);
        Assert.Equal("[]", body["events"]!.ToJsonString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"message":""}""")]
    [InlineData("""{"message":null}""")]
    [InlineData("""{"message":false}""")]
    [InlineData("""{"message":0}""")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task Chat_MessageFalsy_Returns400MessageRequired(string body)
    {
        await using var host = BackendHost.Create();

        using var response = await host.Client.PostJsonAsync("/chat", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"Message is required"}""", await response.Content.ReadAsStringAsync());
        Assert.Empty(host.River.Requests);
    }

    [Fact]
    public async Task Chat_ApiKeyMissing_Returns500WithExampleMessage()
    {
        await using var host = BackendHost.Create(new BackendSettings { ApiKeyValue = "" });

        using var response = await host.Client.PostJsonAsync("/chat", """{"message":"Hello"}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"error":"MODELRIVER_API_KEY not configured. Set it in environment variables."}""", await response.Content.ReadAsStringAsync());
        Assert.Empty(host.River.Requests);
    }

    [Fact]
    public async Task Chat_UpstreamReturns401_Returns500WithMessageAndDetails()
    {
        await using var host = BackendHost.Create();
        var upstream = JsonNode.Parse("""{"error":{"message":"Invalid API key provided","type":"authentication_error","code":"invalid_api_key"},"message":"Invalid API key provided"}""")!;
        host.River.OnAsync = (_, _) => Task.FromResult(FakeModelRiver.Json(HttpStatusCode.Unauthorized, upstream));

        using var response = await host.Client.PostJsonAsync("/chat", """{"message":"Hello"}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var reply = await response.JsonAsync();
        Assert.Equal("Invalid API key provided", (string)reply["error"]!);
        Assert.True(JsonNode.DeepEquals(upstream, reply["details"]));
    }

    [Fact]
    public async Task Chat_UpstreamReturns500WithoutMessage_Returns500WithAxiosStyleError()
    {
        await using var host = BackendHost.Create();
        host.River.OnAsync = (_, _) => Task.FromResult(FakeModelRiver.Json(HttpStatusCode.InternalServerError, new JsonObject { ["oops"] = 1 }));

        using var response = await host.Client.PostJsonAsync("/chat", """{"message":"Hello"}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"error":"Request failed with status code 500","details":{"oops":1}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Chat_UpstreamUnreachable_Returns500WithExceptionMessageAndNullDetails()
    {
        await using var host = BackendHost.Create();
        host.River.OnAsync = (_, _) => throw new HttpRequestException("Connection refused (127.0.0.1:5080)");

        using var response = await host.Client.PostJsonAsync("/chat", """{"message":"Hello"}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"error":"Connection refused (127.0.0.1:5080)","details":null}""", await response.Content.ReadAsStringAsync());
    }
}
