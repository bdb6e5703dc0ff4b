using System.Net;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using FakeRiver.Phoenix;
using FakeRiver.Requests;

namespace Contract.Control;

public class ProjectTests
{
    [Fact]
    public async Task OpenKeys_TwoTestKeys_EachGetsItsOwnStableProject()
    {
        await using var river = ControlHost.Start();

        var a = await river.StartAsync(ControlHost.KeyA);
        var b = await river.StartAsync(ControlHost.KeyB);
        var again = await river.StartAsync(ControlHost.KeyA);

        Assert.Equal(ProjectKeys.ProjectIdOf(ControlHost.KeyA), a["project_id"]!.GetValue<string>());
        Assert.Equal(ProjectKeys.ProjectIdOf(ControlHost.KeyB), b["project_id"]!.GetValue<string>());
        Assert.Equal(a["project_id"]!.GetValue<string>(), again["project_id"]!.GetValue<string>());
        Assert.NotEqual(a["project_id"]!.GetValue<string>(), b["project_id"]!.GetValue<string>());
        Assert.True(Guid.TryParseExact(a["project_id"]!.GetValue<string>(), "D", out _));
        Assert.StartsWith($"ai_response:{a["project_id"]}:", a["websocket_channel"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenKeys_ConfiguredKey_KeepsTheConfiguredProject()
    {
        await using var river = ControlHost.Start(settings: new() { ["FakeRiver:ProjectId"] = "11111111-2222-4333-8444-555555555555" });

        var started = await river.StartAsync(HarnessHost.ApiKey);

        Assert.Equal("11111111-2222-4333-8444-555555555555", started["project_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("mr_live_not_a_test_key")]
    [InlineData("mr_test_")]
    [InlineData("mr_test_with space")]
    [InlineData("sk-mr_test_abc")]
    public async Task OpenKeys_KeyNotOfTheTestForm_Refused401(string key)
    {
        await using var river = ControlHost.Start();
        using var client = river.Client(key);

        var (response, body) = await AsyncApi.PostAsync(client, "/v1/ai/async", AsyncApi.Json(AsyncApi.ChatBody()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "invalid_api_key");
    }

    [Fact]
    public async Task OpenKeysOff_TestKeyOtherThanConfigured_Refused401()
    {
        await using var host = HarnessHost.StartRiverOnly();
        using var client = host.RiverClient(authorized: false);
        client.DefaultRequestHeaders.Authorization = new("Bearer", ControlHost.KeyA);

        var (response, body) = await AsyncApi.PostAsync(client, "/v1/ai/async", AsyncApi.Json(AsyncApi.ChatBody()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "invalid_api_key");
    }

    [Fact]
    public async Task Callback_KeyOfAnotherProject_404AndRequestStillWaits()
    {
        await using var river = ControlHost.Start();
        var started = await river.StartAsync(ControlHost.KeyA, "mr_chatbot_workflow");
        var request = river.Request(started);
        await ChannelWatch.WaitForResponseAsync(request.Log, "ai_generated");
        using var b = river.Client(ControlHost.KeyB);
        using var a = river.Client(ControlHost.KeyA);
        var callback = AsyncApi.Json(new JsonObject { ["data"] = new JsonObject { ["reply"] = "hi" }, ["task_id"] = "t1" });

        var (foreign, foreignBody) = await AsyncApi.PostAsync(b, $"/v1/callback/{request.ChannelId}", callback);
        Assert.Equal(RequestState.AwaitingCallback, request.State);
        var (own, _) = await AsyncApi.PostAsync(a, $"/v1/callback/{request.ChannelId}",
            AsyncApi.Json(new JsonObject { ["data"] = new JsonObject { ["reply"] = "hi" }, ["task_id"] = "t1" }));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        AsyncApi.AssertEnvelope(foreignBody, "channel_not_found");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(RequestState.Completed, request.State);
    }

    [Fact]
    public async Task Reconnect_KeyOfAnotherProject_404()
    {
        await using var river = ControlHost.Start();
        var started = await river.StartAsync(ControlHost.KeyA);
        using var b = river.Client(ControlHost.KeyB);

        var (response, body) = await AsyncApi.PostAsync(b, "/api/v1/ai/reconnect",
            AsyncApi.Json(new JsonObject { ["channel_id"] = started["channel_id"]!.DeepClone() }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "channel_not_found");
    }

    [Fact]
    public async Task Join_TokenOfProjectAOnProjectBsChannel_RefusedUnauthorized()
    {
        await using var river = ControlHost.Start(TestWorkflows.Paced);
        var a = await river.StartAsync(ControlHost.KeyA);
        var b = await river.StartAsync(ControlHost.KeyB);

        await using var socket = await PhoenixTestClient.ConnectAsync(river.Host.River.Server, a["websocket_url"]!.GetValue<string>(), a["ws_token"]!.GetValue<string>());
        var reply = await socket.JoinAsync(b["websocket_channel"]!.GetValue<string>());

        Assert.Equal("error", reply["status"]!.GetValue<string>());
        Assert.Equal(JoinReasons.UnauthorizedProjectAccess, reply["response"]!["reason"]!.GetValue<string>());
    }
}
