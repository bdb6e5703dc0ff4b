using System.Net;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using FakeRiver.Requests;

namespace Contract.Admin;

public class AdminEndpointTests
{
    [Fact]
    public async Task AdminRequests_AfterARequest_ListsItWithStateAndText()
    {
        await using var host = HarnessHost.StartRiverOnly();
        var request = await AsyncApi.StartAndFinishAsync(host, "mr_chatbot_standard");
        var channelId = request.ChannelId;
        using var client = host.RiverClient();

        var list = JsonNode.Parse(await client.GetStringAsync("/__admin/requests"))!;
        var detail = JsonNode.Parse(await client.GetStringAsync($"/__admin/requests/{channelId}"))!;

        var entry = Assert.Single(list["requests"]!.AsArray())!;
        Assert.Equal(channelId, entry["channel_id"]!.GetValue<string>());
        Assert.Equal("succeeded", entry["state"]!.GetValue<string>());
        Assert.Equal(request.Log.CommittedText, entry["text"]!.GetValue<string>());
        Assert.Equal(request.Log.LastSeq, detail["tokens"]!.AsArray().Count);
        Assert.Equal("success", detail["latest_response"]!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("00000000-0000-4000-8000-000000000000")]
    [InlineData("not-a-channel")]
    [InlineData("%F0%9F%98%80")]
    public async Task AdminRequest_UnknownChannel_Returns404Envelope(string channelId)
    {
        await using var host = HarnessHost.StartRiverOnly();
        using var client = host.RiverClient();

        var response = await client.GetAsync($"/__admin/requests/{channelId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AsyncApi.AssertEnvelope((JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!, "channel_not_found");
    }

    [Fact]
    public async Task AdminReset_AfterTraffic_ForgetsRequestsTokensAndJournals()
    {
        await using var host = HarnessHost.StartRiverOnly();
        var started = await AsyncApi.StartAsync(host);
        using var client = host.RiverClient();

        var reset = await client.PostAsync("/__admin/reset", AsyncApi.Json(new JsonObject()));

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Empty(JsonNode.Parse(await client.GetStringAsync("/__admin/requests"))!["requests"]!.AsArray());
        Assert.Empty(JsonNode.Parse(await client.GetStringAsync("/__admin/callbacks"))!["callbacks"]!.AsArray());
        var (late, body) = await AsyncApi.PostAsync(client, "/api/v1/ai/reconnect", AsyncApi.Json(new JsonObject { ["channel_id"] = started["channel_id"]!.DeepClone() }));
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        AsyncApi.AssertEnvelope(body, "channel_not_found");
    }
}
