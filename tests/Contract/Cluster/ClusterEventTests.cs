using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FakeRiver.Cluster;
using FakeRiver.Requests;
using FakeRiver.Testing;
using FakeRiver.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Contract.Cluster;

/// <summary>
/// The dashboard's feed and the webhook replay across nodes sharing a real Redis (docs/ARCHITECTURE.md 2.1): a
/// subscriber of <c>/__admin/events</c> on one node sees another node's requests (scoped by project), the timeline of
/// another node's request is read from any node, and a redelivery asked of a node that did not send the delivery is
/// sent once by the node that did (or refused when that node is gone).
/// </summary>
public sealed class ClusterEventTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // Open keys: each names a project of its own (ProjectKeys.ProjectIdOf).
    private const string Alpha = "mr_test_cluster_alpha";
    private const string Beta = "mr_test_cluster_beta";
    private const string Hooks = "http://hooks.test/hook";

    [Fact]
    public async Task EventStream_OnNodeA_ShowsRequestAcceptedByNodeBUnderNodeAsIncreasingIds()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ClusterNodes.StartAsync(redis, 2);
        await using var events = await EventStreamReader.OpenAsync(cluster[0]);

        var channelId = (await ClusterNodes.AcceptAsync(cluster[1], "paced"))["channel_id"]!.GetValue<string>();
        var accepted = await events.ReadUntilAsync((e, _) => e.EventType == "accepted" && EventStreamReader.Channel(e) == channelId);
        var final = await events.ReadUntilAsync((e, _) => EventStreamReader.IsFinal(e, channelId));

        Assert.Equal("success", EventStreamReader.Data(final)["status"]!.GetValue<string>());
        var ids = events.Seen.Select(EventStreamReader.Id).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Contains(events.Seen, e => e.EventType == "tokens" && EventStreamReader.Channel(e) == channelId);
        Assert.Empty(cluster[0].Services.GetRequiredService<RequestRegistry>().All());

        // Resuming on node A after the accepted event replays the rest of node B's request from A's retention.
        await using var resumed = await EventStreamReader.OpenAsync(cluster[0], lastEventId: accepted.EventId);
        Assert.Equal(events.Seen.SkipWhile(e => e.EventId != accepted.EventId).Skip(1).Select(e => e.EventId),
            resumed.Seen.Select(e => e.EventId));
    }

    [Fact]
    public async Task Timeline_OfNodeBsRequest_ReadFromNodeAAsNodeBHasIt()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ClusterNodes.StartAsync(redis, 2);
        await using var events = await EventStreamReader.OpenAsync(cluster[0]);

        var channelId = (await ClusterNodes.AcceptAsync(cluster[1], "paced"))["channel_id"]!.GetValue<string>();
        await events.ReadUntilAsync((e, _) => EventStreamReader.IsFinal(e, channelId));

        var onA = await TimelineAsync(cluster[0], channelId);
        var onB = await TimelineAsync(cluster[1], channelId);
        Assert.Equal(onB.Select(e => e!["kind"]!.GetValue<string>()), onA.Select(e => e!["kind"]!.GetValue<string>()));
        Assert.Equal(["accepted", "response"], onA.Select(e => e!["kind"]!.GetValue<string>()).Where(k => k is "accepted" or "response").Distinct());
        // The same story, each event under the id of the node that shows it.
        Assert.All(onA.Zip(onB), pair =>
        {
            var (a, b) = ((JsonObject)pair.First!.DeepClone(), (JsonObject)pair.Second!.DeepClone());
            a.Remove("id");
            b.Remove("id");
            Assert.True(JsonNode.DeepEquals(a, b), $"{a.ToJsonString()} != {b.ToJsonString()}");
        });
    }

    [Fact]
    public async Task EventStream_ScopedToProjectOnNodeA_ShowsNoEventOfAnotherProjectFromNodeB_ProjectResetForgetsThem()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ClusterNodes.StartAsync(redis, 2, o => o.Settings["FakeRiver:OpenKeys"] = "true");
        await using var alphaEvents = await EventStreamReader.OpenAsync(cluster[0], Alpha);
        await using var betaEvents = await EventStreamReader.OpenAsync(cluster[0], Beta);

        var beta = await AcceptAsync(cluster[1], Beta);
        await cluster[1].WaitForRequestAsync(beta, RequestState.Succeeded, Patience);
        // Node B's events reach node A in order: once alpha's final response is there, every beta event has passed.
        var alpha = await AcceptAsync(cluster[1], Alpha);
        await alphaEvents.ReadUntilAsync((e, _) => EventStreamReader.IsFinal(e, alpha));
        await betaEvents.ReadUntilAsync((e, _) => EventStreamReader.IsFinal(e, beta));

        Assert.All(alphaEvents.Seen, e => Assert.Equal(alpha, EventStreamReader.Channel(e)));
        Assert.Contains(alphaEvents.Seen, e => e.EventType == "accepted");
        Assert.All(betaEvents.Seen, e => Assert.Equal(beta, EventStreamReader.Channel(e)));
        Assert.Contains(betaEvents.Seen, e => e.EventType == "accepted");

        // Beta's reset on node A forgets the events A adopted from B for beta, and only those.
        var (reset, _) = await PostAsync(cluster[0], "/__admin/reset", Beta);
        Assert.Equal(HttpStatusCode.OK, reset);
        Assert.Empty(await TimelineAsync(cluster[0], beta));
        Assert.NotEmpty(await TimelineAsync(cluster[0], alpha));
    }

    [Fact]
    public async Task Redeliver_ThroughNodeAOfDeliverySentByNodeB_ReachesTheReceiverOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        var hooks = new HookRecorder();
        await using var cluster = await ClusterNodes.StartAsync(redis, 3, o => Webhooks(o, hooks));

        var channelId = await AcceptAsync(cluster[1], Alpha);
        var sent = await cluster[1].WaitForWebhookAsync(channelId, WebhookDeliveryState.Delivered, Patience);
        Assert.Single(Received(hooks, channelId));

        var (status, answer) = await PostAsync(cluster[0], $"/__admin/webhooks/{sent.Id}/redeliver", Alpha);
        Assert.True(status == HttpStatusCode.OK, answer.ToJsonString());
        Assert.Equal(sent.Id, answer["id"]!.GetValue<string>());
        Assert.Equal(2, answer["attempts"]!.AsArray().Count);
        var received = Received(hooks, channelId);
        Assert.Equal(2, received.Count);
        Assert.True(JsonNode.DeepEquals(received[0], received[1]), "the recorded body, sent again");
        Assert.Equal(2, cluster[1].Services.GetRequiredService<WebhookJournal>().Find(sent.Id)!.Attempts.Count);

        var (otherProject, refused) = await PostAsync(cluster[2], $"/__admin/webhooks/{sent.Id}/redeliver", Beta);
        Assert.Equal(HttpStatusCode.NotFound, otherProject);
        Assert.Equal("webhook_not_found", refused["error"]!["code"]!.GetValue<string>());
        var (unknown, _) = await PostAsync(cluster[0], "/__admin/webhooks/not-a-delivery/redeliver", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(2, Received(hooks, channelId).Count);
    }

    [Fact]
    public async Task Redeliver_ThroughNodeAAfterSenderStopped_409OwnerGoneAndNothingSent()
    {
        await using var redis = await RedisServer.StartAsync();
        var hooks = new HookRecorder();
        await using var cluster = await ClusterNodes.StartAsync(redis, 2, o => Webhooks(o, hooks));
        var channelId = await AcceptAsync(cluster[1], Alpha);
        var sent = await cluster[1].WaitForWebhookAsync(channelId, WebhookDeliveryState.Delivered, Patience);
        await cluster[1].Services.GetRequiredService<RedisState>().Db.PingAsync();
        await cluster[1].DisposeAsync();

        var (status, answer) = await PostAsync(cluster[0], $"/__admin/webhooks/{sent.Id}/redeliver", null);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("delivery_owner_gone", answer["error"]!["code"]!.GetValue<string>());
        Assert.Single(Received(hooks, channelId));
    }

    private static List<JsonObject> Received(HookRecorder hooks, string channelId) =>
        [.. hooks.Bodies.Where(b => b.ToJsonString().Contains(channelId, StringComparison.Ordinal))];

    private static void Webhooks(FakeRiverServerOptions options, HookRecorder hooks)
    {
        options.WebhookUrl = Hooks;
        options.RouteHost("hooks.test", hooks);
        options.Settings["FakeRiver:OpenKeys"] = "true";
    }

    private static async Task<JsonArray> TimelineAsync(FakeRiverServer node, string channelId)
    {
        using var http = node.CreateClient(authorized: false);
        var body = JsonNode.Parse(await http.GetStringAsync($"/__admin/timeline/{channelId}"))!;
        return body["events"]!.AsArray();
    }

    private static async Task<string> AcceptAsync(FakeRiverServer node, string key)
    {
        using var http = node.CreateClient(authorized: false);
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        using var content = new StringContent("""{"workflow": "paced", "messages": [{"role": "user", "content": "Hi"}]}""", Encoding.UTF8, "application/json");
        using var answer = await http.PostAsync("/v1/ai/async", content);
        var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        Assert.True(answer.IsSuccessStatusCode, body.ToJsonString());
        return body["channel_id"]!.GetValue<string>();
    }

    private static async Task<(HttpStatusCode Status, JsonObject Answer)> PostAsync(FakeRiverServer node, string path, string? scope)
    {
        using var http = node.CreateClient(authorized: false);
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        if (scope is not null) message.Headers.Add("X-FakeRiver-Project", scope);
        using var answer = await http.SendAsync(message);
        var text = await answer.Content.ReadAsStringAsync();
        return (answer.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? []);
    }
}
