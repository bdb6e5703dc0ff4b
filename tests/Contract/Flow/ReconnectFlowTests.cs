using System.Net;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using FakeRiver.Requests;

namespace Contract.Flow;

public class ReconnectFlowTests
{
    [Fact]
    public async Task Reconnect_KnownChannel_FreshTokenJoinsAndReplaysFinalResponse()
    {
        await using var host = HarnessHost.StartRiverOnly();
        var started = await AsyncApi.StartAsync(host, AsyncApi.ChatBody("mr_chatbot_standard"));
        var channelId = started["channel_id"]!.GetValue<string>();
        host.RiverService<RequestRegistry>().TryGet(channelId, out var request);
        await request.Log.Finished.WaitAsync(TimeSpan.FromSeconds(10));
        using var client = host.RiverClient();

        var (response, fresh) = await AsyncApi.PostAsync(client, "/api/v1/ai/reconnect", AsyncApi.Json(new JsonObject { ["channel_id"] = channelId }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ContractAssert.Valid("reconnect-response", fresh);
        Assert.NotEqual(started["ws_token"]!.GetValue<string>(), fresh["ws_token"]!.GetValue<string>());
        Assert.Equal(started["websocket_channel"]!.GetValue<string>(), fresh["websocket_channel"]!.GetValue<string>());
        await using var socket = await PhoenixTestClient.ConnectAsync(host.River.Server, fresh["websocket_url"]!.GetValue<string>(), fresh["ws_token"]!.GetValue<string>());
        await socket.JoinAsync(fresh["websocket_channel"]!.GetValue<string>());
        var frames = await socket.ReadUntilCloseAsync();
        var tokens = frames.Where(f => f[3]!.GetValue<string>() == "tokens").Select(f => f[4]!["delta"]!.GetValue<string>());
        Assert.Equal(request.Log.CommittedText, string.Concat(tokens));
        Assert.Contains(frames, f => f[3]!.GetValue<string>() == "response" && f[4]!["status"]!.GetValue<string>() == "success");
    }

    [Fact]
    public async Task Reconnect_OldTokenAfterUse_StaysDead()
    {
        await using var host = HarnessHost.StartRiverOnly();
        var started = await AsyncApi.StartAsync(host);
        var url = started["websocket_url"]!.GetValue<string>();
        var token = started["ws_token"]!.GetValue<string>();
        await using (await PhoenixTestClient.ConnectAsync(host.River.Server, url, token))
        {
        }
        using var client = host.RiverClient();
        await AsyncApi.PostAsync(client, "/v1/ai/reconnect", AsyncApi.Json(new JsonObject { ["channel_id"] = started["channel_id"]!.DeepClone() }));

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => PhoenixTestClient.ConnectAsync(host.River.Server, url, token));

        Assert.Contains("403", refused.Message);
    }

    [Theory]
    [InlineData("""{}""", HttpStatusCode.BadRequest, "missing_field")]
    [InlineData("""{"channel_id":42}""", HttpStatusCode.BadRequest, "missing_field")]
    [InlineData("""{"channel_id":"00000000-0000-4000-8000-000000000000"}""", HttpStatusCode.NotFound, "channel_not_found")]
    [InlineData("""{"channel_id":""", HttpStatusCode.BadRequest, "invalid_json")]
    public async Task Reconnect_BadRequest_ReturnsEnvelope(string body, HttpStatusCode status, string code)
    {
        await using var host = HarnessHost.StartRiverOnly();
        using var client = host.RiverClient();

        var (response, json) = await AsyncApi.PostAsync(client, "/api/v1/ai/reconnect", AsyncApi.Json(body));

        Assert.Equal(status, response.StatusCode);
        AsyncApi.AssertEnvelope(json, code);
    }

    [Fact]
    public async Task Reconnect_NoKey_Returns401()
    {
        await using var host = HarnessHost.StartRiverOnly();
        using var client = host.RiverClient(authorized: false);

        var (response, json) = await AsyncApi.PostAsync(client, "/api/v1/ai/reconnect", AsyncApi.Json("""{"channel_id":"x"}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AsyncApi.AssertEnvelope(json, "invalid_api_key");
    }
}
