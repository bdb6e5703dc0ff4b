using System.Net;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using FakeRiver.Requests;

namespace Contract.Retention;

/// <summary>FakeRiver:Retention:MaxRequests / MaxAge on the request registry, seen through the HTTP API.</summary>
public class RequestRetentionTests
{
    [Fact]
    public async Task Requests_MoreFinishedThanMaxRequests_OldestFinishedForgotten()
    {
        await using var host = RetentionHost.Start(("FakeRiver:Retention:MaxRequests", "2"));
        var first = await AsyncApi.StartAndFinishAsync(host, "mr_chatbot_standard");
        var second = await AsyncApi.StartAndFinishAsync(host, "mr_chatbot_standard");
        var third = await AsyncApi.StartAndFinishAsync(host, "mr_chatbot_standard");
        using var client = host.RiverClient();

        var listed = await RetentionHost.ListedChannelsAsync(host);
        var (detail, detailBody) = await AsyncApi.GetAsync(client, $"/__admin/requests/{first.ChannelId}");
        var (reconnect, reconnectBody) = await AsyncApi.PostAsync(client, "/api/v1/ai/reconnect",
            AsyncApi.Json(new JsonObject { ["channel_id"] = first.ChannelId }));

        // All three were created at the same (virtual) instant, so the listing orders them by id.
        Assert.Equal(new[] { second.ChannelId, third.ChannelId }.Order(StringComparer.Ordinal), listed);
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        AsyncApi.AssertEnvelope(detailBody, "channel_not_found");
        Assert.Equal(HttpStatusCode.NotFound, reconnect.StatusCode);
        AsyncApi.AssertEnvelope(reconnectBody, "channel_not_found");
        Assert.Equal(2, host.RiverService<RequestRegistry>().Count);
    }

    [Fact]
    public async Task Requests_FinishedLongerThanMaxAge_Forgotten()
    {
        await using var host = RetentionHost.Start(("FakeRiver:Retention:MaxAge", "00:10:00"));
        var request = await AsyncApi.StartAndFinishAsync(host, "mr_chatbot_standard");

        host.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var justBefore = await RetentionHost.ListedChannelsAsync(host);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await RetentionHost.ListedChannelsAsync(host);

        Assert.Equal([request.ChannelId], justBefore);
        Assert.Empty(after);
    }

    [Fact]
    public async Task Requests_RunningPastEveryLimit_NeverForgotten()
    {
        await using var host = RetentionHost.Start(
            ("FakeRiver:Retention:MaxRequests", "1"), ("FakeRiver:Retention:MaxAge", "00:01:00"));
        // Event-driven and not called back: running (awaiting its callback) for up to the 5-minute callback timeout.
        var started = await AsyncApi.StartAsync(host);
        var channelId = started["channel_id"]!.GetValue<string>();
        host.RiverService<RequestRegistry>().TryGet(channelId, out var running);
        await ChannelWatch.WaitForResponseAsync(running.Log, "ai_generated");
        for (var i = 0; i < 3; i++) await AsyncApi.StartAndFinishAsync(host, "mr_chatbot_standard");

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var whileRunning = await RetentionHost.ListedChannelsAsync(host);
        using var client = host.RiverClient();
        var (callback, _) = await AsyncApi.PostAsync(client, $"/v1/callback/{channelId}",
            AsyncApi.Json(new JsonObject { ["data"] = new JsonObject { ["reply"] = "late" } }));
        var afterCallback = await RetentionHost.ListedChannelsAsync(host);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var aMinuteLater = await RetentionHost.ListedChannelsAsync(host);

        Assert.Equal([channelId], whileRunning);
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.Equal([channelId], afterCallback);
        Assert.Empty(aMinuteLater);
    }
}
