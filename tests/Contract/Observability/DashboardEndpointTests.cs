using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;

namespace Contract.Observability;

public sealed class DashboardEndpointTests
{
    [Fact]
    public async Task Dashboard_Page_ServedFromTheAssemblyWithAStrictContentSecurityPolicy()
    {
        await using var host = HarnessHost.StartRiverOnly();
        using var client = host.RiverClient(authorized: false);

        using var page = await client.GetAsync("/__admin/ui");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        using var script = await client.GetAsync("/__admin/ui/dashboard.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        using var missing = await client.GetAsync("/__admin/ui/nope.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Dashboard_EventStream_ReplaysTheRequestStoryAndResumesAfterLastEventId()
    {
        await using var host = HarnessHost.StartRiverOnly();
        using var api = host.RiverClient();
        var (accepted, body) = await AsyncApi.PostAsync(api, "/v1/ai/async", AsyncApi.Json(new JsonObject
        {
            ["workflow"] = "mr_chatbot_standard",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hi" }),
        }));
        Assert.True(accepted.IsSuccessStatusCode);
        var channelId = body["channel_id"]!.GetValue<string>();
        await host.RiverService<FakeRiver.Requests.RequestRegistry>().All()[0].Log.Finished.WaitAsync(TimeSpan.FromSeconds(10));

        var all = await ReadUntilReadyAsync(host, lastEventId: null);
        Assert.Equal(["accepted", "status", "tokens"], all.Select(e => e.EventType).Distinct().Take(3));
        Assert.Contains(all, e => e.EventType == "attempt");
        Assert.Contains(all, e => e.EventType == "response" && JsonNode.Parse(e.Data)!["final"]!.GetValue<bool>());
        Assert.All(all, e => Assert.Equal(channelId, JsonNode.Parse(e.Data)!["channel_id"]!.GetValue<string>()));

        var resumed = await ReadUntilReadyAsync(host, lastEventId: all[1].EventId);
        Assert.Equal(all.Skip(2).Select(e => e.EventId), resumed.Select(e => e.EventId));

        using var timeline = await api.GetAsync($"/__admin/timeline/{channelId}");
        var events = JsonNode.Parse(await timeline.Content.ReadAsStringAsync())!["events"]!.AsArray();
        Assert.Equal(all.Count, events.Count);
    }

    private static async Task<List<SseItem<string>>> ReadUntilReadyAsync(HarnessHost host, string? lastEventId)
    {
        using var client = host.RiverClient(authorized: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/__admin/events");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var items = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(timeout.Token))
        {
            if (item.EventType == "ready") break;
            items.Add(item);
        }
        return items;
    }
}
