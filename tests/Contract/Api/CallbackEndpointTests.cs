using System.Net;
using System.Text.Json.Nodes;
using Contract.Infrastructure;
using FakeRiver.Admin;
using FakeRiver.Requests;

namespace Contract.Api;

/// <summary>The callback endpoint with the test playing the backend (no ChatBackend in these hosts).</summary>
public class CallbackEndpointTests
{
    private static async Task<(HarnessHost Host, RiverRequest Request)> AwaitingCallbackAsync(StubReceiver? receiver = null)
    {
        var host = HarnessHost.Start(new HarnessOptions
        {
            WithBackend = false,
            WorkflowYaml = TestWorkflows.Instant,
            ExtraHosts = { ["hooks.test"] = receiver ?? new StubReceiver() },
        });
        var body = AsyncApi.ChatBody();
        body["webhook_url"] = "http://hooks.test/webhook";
        var started = await AsyncApi.StartAsync(host, body);
        host.RiverService<RequestRegistry>().TryGet(started["channel_id"]!.GetValue<string>(), out var request);
        await ChannelWatch.WaitForResponseAsync(request.Log, "ai_generated");
        return (host, request);
    }

    private static StringContent Callback(JsonNode? data, string taskId = "task-1") =>
        AsyncApi.Json(new JsonObject { ["data"] = data, ["task_id"] = taskId });

    [Fact]
    public async Task Callback_ValidBody_Returns200AndPushesCompleted()
    {
        var (host, request) = await AwaitingCallbackAsync();
        await using var _ = host;
        using var client = host.RiverClient();

        var (response, body) = await AsyncApi.PostAsync(client, $"/v1/callback/{request.ChannelId}",
            Callback(new JsonObject { ["reply"] = "Hi!", ["id"] = "m-1" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ContractAssert.Valid("callback-response", body);
        Assert.True(body["success"]!.GetValue<bool>());
        Assert.Equal(request.ChannelId, body["channel_id"]!.GetValue<string>());
        var completed = await ChannelWatch.WaitForResponseAsync(request.Log, "completed");
        Assert.Equal("m-1", completed["data"]!["id"]!.GetValue<string>());
        Assert.Equal("task-1", completed["task_id"]!.GetValue<string>());
        Assert.Equal(RequestState.Completed, request.State);
    }

    [Fact]
    public async Task Callback_SecondTime_Returns409AndOneCompletedOnly()
    {
        var (host, request) = await AwaitingCallbackAsync();
        await using var _ = host;
        using var client = host.RiverClient();

        var (first, _) = await AsyncApi.PostAsync(client, $"/v1/callback/{request.ChannelId}", Callback(new JsonObject { ["a"] = 1 }));
        var (second, body) = await AsyncApi.PostAsync(client, $"/v1/callback/{request.ChannelId}", Callback(new JsonObject { ["a"] = 2 }));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        AsyncApi.AssertEnvelope(body, "request_already_final");
        var completed = await ChannelWatch.WaitForResponseAsync(request.Log, "completed");
        Assert.Equal(1, completed["data"]!["a"]!.GetValue<int>());
    }

    [Fact]
    public async Task Callback_BadKey_Returns401()
    {
        var (host, request) = await AwaitingCallbackAsync();
        await using var _ = host;
        using var client = host.RiverClient(authorized: false);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "wrong");

        var (response, body) = await AsyncApi.PostAsync(client, $"/v1/callback/{request.ChannelId}", Callback(new JsonObject()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "invalid_api_key");
        Assert.Equal(RequestState.AwaitingCallback, request.State);
    }

    [Theory]
    [InlineData("""{"task_id":"t"}""", "invalid_callback_data")]
    [InlineData("""{"data":null}""", "invalid_callback_data")]
    [InlineData("""{"data":[1,2]}""", "invalid_callback_data")]
    [InlineData("""{"data":"text"}""", "invalid_callback_data")]
    [InlineData("""{"data":{""", "invalid_json")]
    [InlineData("""[]""", "invalid_json")]
    public async Task Callback_BadBody_Returns400AndKeepsWaiting(string text, string code)
    {
        var (host, request) = await AwaitingCallbackAsync();
        await using var _ = host;
        using var client = host.RiverClient();

        var (response, body) = await AsyncApi.PostAsync(client, $"/v1/callback/{request.ChannelId}", AsyncApi.Json(text));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AsyncApi.AssertEnvelope(body, code);
        Assert.Equal(RequestState.AwaitingCallback, request.State);
    }

    [Fact]
    public async Task Callback_UnknownChannel_Returns404()
    {
        var (host, _) = await AwaitingCallbackAsync();
        await using var _ = host;
        using var client = host.RiverClient();

        var (response, body) = await AsyncApi.PostAsync(client, $"/v1/callback/{Guid.Empty}", Callback(new JsonObject()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "channel_not_found");
    }

    [Fact]
    public async Task Callback_ErrorInBody_EndsWithErrorResponse()
    {
        var (host, request) = await AwaitingCallbackAsync();
        await using var _ = host;
        using var client = host.RiverClient();
        var content = AsyncApi.Json(new JsonObject { ["data"] = new JsonObject(), ["error"] = new JsonObject { ["message"] = "backend broke" } });

        var (response, _) = await AsyncApi.PostAsync(client, $"/v1/callback/{request.ChannelId}", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = await ChannelWatch.WaitForResponseAsync(request.Log, "error");
        Assert.Equal("backend broke", error["error"]!["message"]!.GetValue<string>());
        Assert.Equal(RequestState.Failed, request.State);
    }

    [Fact]
    public async Task Callback_NeverArrives_TimesOutWithCallbackTimeoutError()
    {
        var (host, request) = await AwaitingCallbackAsync();
        await using var _ = host;

        host.Clock.Advance(TimeSpan.FromMinutes(5));

        var error = await ChannelWatch.WaitForResponseAsync(request.Log, "error");
        Assert.Equal("callback_timeout", error["error"]!["code"]!.GetValue<string>());
        using var client = host.RiverClient();
        var (late, body) = await AsyncApi.PostAsync(client, $"/v1/callback/{request.ChannelId}", Callback(new JsonObject()));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        AsyncApi.AssertEnvelope(body, "request_already_final");
    }

    [Fact]
    public async Task Callback_JustBeforeDeadline_StillCompletes()
    {
        var (host, request) = await AwaitingCallbackAsync();
        await using var _ = host;
        using var client = host.RiverClient();

        host.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        var (response, _) = await AsyncApi.PostAsync(client, $"/v1/callback/{request.ChannelId}", Callback(new JsonObject { ["ok"] = true }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await ChannelWatch.WaitForResponseAsync(request.Log, "completed");
    }

    [Fact]
    public async Task Callback_Received_IsInTheCallbackJournal()
    {
        var (host, request) = await AwaitingCallbackAsync();
        await using var _ = host;
        using var client = host.RiverClient();

        await AsyncApi.PostAsync(client, $"/v1/callback/{request.ChannelId}", Callback(new JsonObject { ["x"] = 1 }));

        var entry = Assert.Single(host.RiverService<CallbackJournal>().All());
        Assert.Equal(200, entry.Status);
        Assert.Equal(request.ChannelId, entry.ChannelId);
    }
}
