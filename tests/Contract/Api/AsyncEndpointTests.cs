using System.Net;
using System.Text.Json.Nodes;
using Contract.Infrastructure;

namespace Contract.Api;

public class AsyncEndpointTests
{
    [Theory]
    [InlineData("/v1/ai/async")]
    [InlineData("/api/v1/ai/async")]
    [InlineData("/api/ai/async")]
    public async Task AsyncRequest_AnyDocumentedPath_ReturnsPendingConnectionFields(string path)
    {
        await using var host = HarnessHost.Start(new HarnessOptions { WithBackend = false });
        using var client = host.RiverClient();

        var (response, body) = await AsyncApi.PostAsync(client, path, AsyncApi.Json(AsyncApi.ChatBody()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("success", body["message"]!.GetValue<string>());
        Assert.Equal("pending", body["status"]!.GetValue<string>());
        var channel = body["channel_id"]!.GetValue<string>();
        var project = body["project_id"]!.GetValue<string>();
        Assert.True(Guid.TryParse(channel, out _));
        Assert.Equal($"ai_response:{project}:{channel}", body["websocket_channel"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["ws_token"]!.GetValue<string>()));
        Assert.IsType<JsonObject>(body["customer_data"]);
    }

    [Fact]
    public async Task AsyncRequest_HostHeader_WebsocketUrlPointsBackAtIt()
    {
        await using var host = HarnessHost.Start(new HarnessOptions { WithBackend = false });
        using var client = host.RiverClient();
        client.BaseAddress = new Uri("http://fakeriver.test:7777/");

        var (_, body) = await AsyncApi.PostAsync(client, "/v1/ai/async", AsyncApi.Json(AsyncApi.ChatBody()));

        Assert.Equal("ws://fakeriver.test:7777/socket", body["websocket_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task AsyncRequest_ExtraTopLevelKeys_EchoedAsCustomerData()
    {
        await using var host = HarnessHost.Start(new HarnessOptions { WithBackend = false });
        var request = AsyncApi.ChatBody();
        request["user_id"] = "u-1";
        request["task_id"] = "t-9";

        var body = await AsyncApi.StartAsync(host, request);

        Assert.Equal("u-1", body["customer_data"]!["user_id"]!.GetValue<string>());
        Assert.Equal("t-9", body["customer_data"]!["task_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AsyncRequest_NoKey_Returns401Envelope()
    {
        await using var host = HarnessHost.Start(new HarnessOptions { WithBackend = false });
        using var client = host.RiverClient(authorized: false);

        var (response, body) = await AsyncApi.PostAsync(client, "/v1/ai/async", AsyncApi.Json(AsyncApi.ChatBody()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "invalid_api_key");
        Assert.Equal("Invalid API key provided", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task AsyncRequest_WrongKey_Returns401Envelope()
    {
        await using var host = HarnessHost.Start(new HarnessOptions { WithBackend = false });
        using var client = host.RiverClient(authorized: false);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "mr_live_not_ours");

        var (response, body) = await AsyncApi.PostAsync(client, "/v1/ai/async", AsyncApi.Json(AsyncApi.ChatBody()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "invalid_api_key");
    }

    [Fact]
    public async Task AsyncRequest_OtherProjectsKey_Returns403Envelope()
    {
        await using var host = HarnessHost.Start(new HarnessOptions
        {
            WithBackend = false,
            RiverSettings = { ["FakeRiver:ForeignApiKeys:0"] = "mr_live_other_project" },
        });
        using var client = host.RiverClient(authorized: false);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "mr_live_other_project");

        var (response, body) = await AsyncApi.PostAsync(client, "/v1/ai/async", AsyncApi.Json(AsyncApi.ChatBody()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "project_access_denied");
    }

    [Fact]
    public async Task AsyncRequest_UnknownWorkflow_Returns404ModelNotFound()
    {
        await using var host = HarnessHost.Start(new HarnessOptions { WithBackend = false });
        using var client = host.RiverClient();

        var (response, body) = await AsyncApi.PostAsync(client, "/v1/ai/async", AsyncApi.Json(AsyncApi.ChatBody("no_such_workflow")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "model_not_found");
    }

    [Theory]
    [InlineData("""{"workflow":"mr_chatbot_workflow"}""", "missing_field")]
    [InlineData("""{"workflow":"mr_chatbot_workflow","messages":"hi"}""", "invalid_type")]
    [InlineData("""{"workflow":"mr_chatbot_workflow","messages":[42]}""", "invalid_type")]
    [InlineData("""{"workflow":"mr_chatbot_workflow","messages":[{"role":"user","content":7}]}""", "invalid_type")]
    [InlineData("""{"workflow":7,"messages":[{"role":"user","content":"hi"}]}""", "invalid_type")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", "missing_field")]
    [InlineData("""{"workflow":"mr_chatbot_workflow","messages":[]}""", "invalid_value")]
    [InlineData("""{"workflow":"mr_chatbot_workflow","messages":[{"role":"user","content":"hi"}],"events":"new_chat"}""", "invalid_type")]
    [InlineData("""{"workflow":"mr_chatbot_workflow","messages":[{"role":"user","content":"hi"}],"events":[1]}""", "invalid_type")]
    [InlineData("""{"workflow":"mr_chatbot_workflow","messages":[{"role":"user","content":"hi"}],"webhook_url":"not a url"}""", "invalid_type")]
    [InlineData("""{"workflow":"mr_chatbot_workflow","messages":[{"role":"user","content":"hi"}],"webhook_url":"ftp://x/y"}""", "invalid_type")]
    [InlineData("""{"workflow":"mr_chatbot_workflow","messages":[{"role":"user","content":"hi"}],"metadata":[1]}""", "invalid_type")]
    [InlineData("""{"workflow":"mr_chatbot_workflow","messages":[{"role":"user","content":"hi"}],"response_format":{"type":5}}""", null)]
    [InlineData("""{"workflow":"mr_chatbot_workflow", "messages": [}""", "invalid_json")]
    [InlineData("""[1,2,3]""", "invalid_json")]
    [InlineData("""null""", "invalid_json")]
    [InlineData("", "invalid_json")]
    public async Task AsyncRequest_BadBody_Returns400Envelope(string text, string? code)
    {
        await using var host = HarnessHost.Start(new HarnessOptions { WithBackend = false });
        using var client = host.RiverClient();

        var (response, body) = await AsyncApi.PostAsync(client, "/v1/ai/async", AsyncApi.Json(text));

        if (code is null)
        {
            // Unknown shapes inside free-form fields are not errors: the request is accepted.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AsyncApi.AssertEnvelope(body, code);
    }

    [Fact]
    public async Task AsyncRequest_OversizedBody_Returns413Envelope()
    {
        await using var host = HarnessHost.Start(new HarnessOptions
        {
            WithBackend = false,
            RiverSettings = { ["FakeRiver:MaxBodyBytes"] = "2048" },
        });
        using var client = host.RiverClient();
        var body = AsyncApi.ChatBody(message: new string('x', 4096));

        var (response, json) = await AsyncApi.PostAsync(client, "/v1/ai/async", AsyncApi.Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        AsyncApi.AssertEnvelope(json, "payload_too_large");
    }

    [Fact]
    public async Task AsyncRequest_NotJsonContentType_Returns415Envelope()
    {
        await using var host = HarnessHost.Start(new HarnessOptions { WithBackend = false });
        using var client = host.RiverClient();

        var (response, body) = await AsyncApi.PostAsync(client, "/v1/ai/async", new StringContent("message=hi"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "unsupported_media_type");
    }

    [Fact]
    public async Task UnknownRoute_AnyMethod_Returns404Envelope()
    {
        await using var host = HarnessHost.Start(new HarnessOptions { WithBackend = false });
        using var client = host.RiverClient();

        var (response, body) = await AsyncApi.PostAsync(client, "/v2/nothing", AsyncApi.Json("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "route_not_found");
    }
}
