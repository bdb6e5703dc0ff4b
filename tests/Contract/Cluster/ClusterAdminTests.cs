using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver;
using FakeRiver.Cluster;
using FakeRiver.Phoenix;
using FakeRiver.Requests;
using FakeRiver.Testing;
using FakeRiver.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Contract.Cluster;

/// <summary>
/// <c>/__admin</c> across nodes sharing a real Redis (docs/ARCHITECTURE.md 2.1): a workflow or fault put through one
/// node is in force on the next request any node accepts, a fault's uses are taken once cluster-wide, every node lists
/// every node's journal entries, and a project's reset on one node clears it everywhere, other projects untouched.
/// </summary>
public sealed class ClusterAdminTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // Open keys: each names a project of its own (ProjectKeys.ProjectIdOf).
    private const string Alpha = "mr_test_cluster_alpha";
    private const string Beta = "mr_test_cluster_beta";
    private const string Hooks = "http://hooks.test/hook";

    private const string RuntimeWorkflow = """
        {"text_tokens": 3, "providers": [{"provider": "openai", "model": "gpt-4o-mini"}]}
        """;

    [Fact]
    public async Task WorkflowPut_OnNodeA_NextRequestOnNodeBRunsItUntilDeletedOnB()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ClusterNodes.StartAsync(redis, 2);

        var (putStatus, _) = await AdminAsync(cluster[0], HttpMethod.Put, "/__admin/workflows/runtime_only", null, RuntimeWorkflow);
        Assert.Equal(HttpStatusCode.OK, putStatus);

        var (status, answer) = await AcceptAsync(cluster[1], DevDefaults.ApiKey, "runtime_only");
        Assert.True(status == HttpStatusCode.OK, answer.ToJsonString());
        Assert.True(cluster[1].Services.GetRequiredService<RequestRegistry>().TryGet(answer["channel_id"]!.GetValue<string>(), out var request));
        Assert.Equal(3, request.Workflow.TextTokens);
        var (_, shown) = await AdminAsync(cluster[1], HttpMethod.Get, "/__admin/workflows/runtime_only");
        Assert.Equal("admin", shown["source"]?.GetValue<string>());

        var (deleteStatus, _) = await AdminAsync(cluster[1], HttpMethod.Delete, "/__admin/workflows/runtime_only");
        Assert.Equal(HttpStatusCode.NoContent, deleteStatus);
        var (after, _) = await AcceptAsync(cluster[0], DevDefaults.ApiKey, "runtime_only");
        Assert.False(after == HttpStatusCode.OK, "the deleted workflow is gone on the other node too");
    }

    [Fact]
    public async Task WebhookFault_AddedOnNodeA_WebhookSentByNodeBGetsItExactlyOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        var hooks = new HookRecorder();
        await using var cluster = await ClusterNodes.StartAsync(redis, 2, o => Webhooks(o, hooks));

        var (added, _) = await AdminAsync(cluster[0], HttpMethod.Post, "/__admin/faults", null, """{"workflow": "paced", "webhook": {"status": 500}}""");
        Assert.Equal(HttpStatusCode.Created, added);
        Assert.Single(await FaultsAsync(cluster[1], null));

        var (_, first) = await AcceptAsync(cluster[1], DevDefaults.ApiKey, "paced");
        var faulted = await cluster[1].WaitForWebhookAsync(first["channel_id"]!.GetValue<string>(), WebhookDeliveryState.Delivered, Patience);
        Assert.Equal([500, 200], faulted.Attempts.Select(a => a.StatusCode ?? 0));
        Assert.Empty(await FaultsAsync(cluster[0], null));

        // The use is gone cluster-wide: the next request, on the node that took the fault in, is not hit.
        var (_, second) = await AcceptAsync(cluster[0], DevDefaults.ApiKey, "paced");
        var clean = await cluster[0].WaitForWebhookAsync(second["channel_id"]!.GetValue<string>(), WebhookDeliveryState.Delivered, Patience);
        Assert.Equal([200], clean.Attempts.Select(a => a.StatusCode ?? 0));
    }

    [Fact]
    public async Task ProviderFault_AddedOnNodeA_RequestOnNodeBFailsWithIt()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ClusterNodes.StartAsync(redis, 2);
        var (added, fault) = await AdminAsync(cluster[0], HttpMethod.Post, "/__admin/faults", null, """{"workflow": "paced", "provider": {"status": 503}}""");
        Assert.Equal(HttpStatusCode.Created, added);
        var (_, listed) = await AdminAsync(cluster[1], HttpMethod.Get, "/__admin/faults");
        Assert.True(JsonNode.DeepEquals(fault, Assert.Single(listed["faults"]!.AsArray())), listed.ToJsonString());

        var (_, answer) = await AcceptAsync(cluster[1], DevDefaults.ApiKey, "paced");
        var failed = await cluster[1].WaitForRequestAsync(answer["channel_id"]!.GetValue<string>(), RequestState.Failed, Patience);
        Assert.Equal(RequestState.Failed, failed.State);
    }

    [Fact]
    public async Task FaultUses_TakenByConcurrentRequestsOnTwoNodes_ExactlyTimesRequestsGetOne()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ClusterNodes.StartAsync(redis, 2);
        await AdminAsync(cluster[0], HttpMethod.Post, "/__admin/faults", null, """{"workflow": "paced", "times": 3, "webhook": {"status": 500}}""");

        var accepted = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            var node = cluster[i % 2];
            var (_, answer) = await AcceptAsync(node, DevDefaults.ApiKey, "paced");
            Assert.True(node.Services.GetRequiredService<RequestRegistry>().TryGet(answer["channel_id"]!.GetValue<string>(), out var request));
            return request;
        }));

        Assert.Equal(3, accepted.Count(r => r.Faults.Webhook is not null));
        Assert.Empty(await FaultsAsync(cluster[1], null));
    }

    [Fact]
    public async Task Journals_EntriesMadeOnNodeB_ListedByNodeAAsNodeBHasThem()
    {
        await using var redis = await RedisServer.StartAsync();
        var hooks = new HookRecorder();
        await using var cluster = await ClusterNodes.StartAsync(redis, 2, o => Webhooks(o, hooks));
        var b = cluster[1];

        var (_, answer) = await AcceptAsync(b, DevDefaults.ApiKey, "paced_events");
        var channelId = answer["channel_id"]!.GetValue<string>();
        // Registered after the node's own end-of-request hook (it shares the ended summary), so it runs after it.
        Assert.True(b.Services.GetRequiredService<RequestRegistry>().TryGet(channelId, out var request));
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        request.Log.OnFinal(() => ended.TrySetResult());
        await using (var socket = await StreamFrames.JoinAsync(b, answer))
        {
            await StreamFrames.ReadUntilAsync(socket, m => m.Event == "response", Patience);
            await b.WaitForWebhookAsync(channelId, WebhookDeliveryState.Delivered, Patience);
            using var callback = await b.CreateClient().PostAsync($"/v1/callback/{channelId}", Json("""{"data": {"reply": "enriched"}}"""));
            Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
            await StreamFrames.ReadUntilAsync(socket, StreamFrames.IsFinal, Patience);
        }
        await b.Services.GetRequiredService<PhoenixJournal>().WaitForAsync(e => e.ChannelId == channelId && e.Kind == "closed").WaitAsync(Patience);
        await ended.Task.WaitAsync(Patience);
        await FlushedAsync(b);

        var scope = DevDefaults.ProjectId;
        var (_, webhooks) = await AdminArrayAsync(cluster[0], $"/__admin/webhooks?channel_id={channelId}", scope);
        var expected = JsonSerializer.SerializeToNode(b.GetWebhooks().Single(d => d.ChannelId == channelId), WebhookAdminJson.Options);
        Assert.True(JsonNode.DeepEquals(expected, Assert.Single(webhooks)), webhooks.ToJsonString());

        var (_, callbacks) = await AdminAsync(cluster[0], HttpMethod.Get, "/__admin/callbacks", scope);
        var entry = Assert.Single(callbacks["callbacks"]!.AsArray());
        Assert.Equal(channelId, entry!["channel_id"]?.GetValue<string>());
        Assert.Equal(200, entry["status"]?.GetValue<int>());
        Assert.Equal("enriched", entry["body"]?["data"]?["reply"]?.GetValue<string>());

        var (_, sockets) = await AdminAsync(cluster[0], HttpMethod.Get, $"/__admin/sockets?channel_id={channelId}", scope);
        Assert.Equal(b.GetSocketEvents().Where(e => e.ChannelId == channelId).Select(e => e.Kind),
            sockets["sockets"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()));

        var (_, listed) = await AdminAsync(cluster[0], HttpMethod.Get, "/__admin/requests", scope);
        var (_, ownList) = await AdminAsync(b, HttpMethod.Get, "/__admin/requests", scope);
        Assert.True(JsonNode.DeepEquals(ownList, listed), listed.ToJsonString());
        Assert.Equal("completed", Assert.Single(listed["requests"]!.AsArray())!["state"]?.GetValue<string>());
        var (_, detail) = await AdminAsync(cluster[0], HttpMethod.Get, $"/__admin/requests/{channelId}", scope);
        var (_, ownDetail) = await AdminAsync(b, HttpMethod.Get, $"/__admin/requests/{channelId}", scope);
        Assert.Equal(20, detail["tokens"]!.AsArray().Count);
        Assert.True(JsonNode.DeepEquals(ownDetail, detail), detail.ToJsonString());
    }

    [Fact]
    public async Task ProjectReset_OnNodeA_ClearsThatProjectOnNodeB_OtherProjectKept()
    {
        await using var redis = await RedisServer.StartAsync();
        var hooks = new HookRecorder();
        await using var cluster = await ClusterNodes.StartAsync(redis, 2, o => Webhooks(o, hooks));
        var channels = new Dictionary<string, string>();
        foreach (var key in new[] { Alpha, Beta })
        {
            await AdminAsync(cluster[0], HttpMethod.Put, "/__admin/workflows/runtime_only", key, RuntimeWorkflow);
            await AdminAsync(cluster[0], HttpMethod.Post, "/__admin/faults", key, """{"workflow": "slow", "callback": {"status": 500}}""");
            var (_, answer) = await AcceptAsync(cluster[1], key, "paced");
            channels[key] = answer["channel_id"]!.GetValue<string>();
            await cluster[1].WaitForWebhookAsync(channels[key], WebhookDeliveryState.Delivered, Patience);
        }
        await FlushedAsync(cluster[1]);
        Assert.Single((await AdminArrayAsync(cluster[1], "/__admin/webhooks", Alpha)).Items);

        var (reset, _) = await AdminAsync(cluster[0], HttpMethod.Post, "/__admin/reset", Alpha, "{}");
        Assert.Equal(HttpStatusCode.OK, reset);

        var b = cluster[1];
        Assert.Empty((await AdminArrayAsync(b, "/__admin/webhooks", Alpha)).Items);
        Assert.Empty((await AdminAsync(b, HttpMethod.Get, "/__admin/requests", Alpha)).Answer["requests"]!.AsArray());
        Assert.Single((await AdminAsync(b, HttpMethod.Get, "/__admin/requests", Beta)).Answer["requests"]!.AsArray());
        Assert.Equal([channels[Beta]], (await AdminArrayAsync(b, "/__admin/webhooks", null)).Items.Select(d => d!["channel_id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await AdminAsync(b, HttpMethod.Get, "/__admin/workflows/runtime_only", Alpha)).Status);
        Assert.Equal(HttpStatusCode.OK, (await AdminAsync(b, HttpMethod.Get, "/__admin/workflows/runtime_only", Beta)).Status);
        Assert.Empty(await FaultsAsync(b, Alpha));
        Assert.Single(await FaultsAsync(b, Beta));
        Assert.NotEqual(HttpStatusCode.OK, (await AcceptAsync(b, Alpha, "runtime_only")).Status);
        Assert.Equal(HttpStatusCode.OK, (await AcceptAsync(b, Beta, "runtime_only")).Status);
    }

    [Fact]
    public async Task TwoProjects_WorkflowFaultAndJournals_StayApartAcrossNodes()
    {
        await using var redis = await RedisServer.StartAsync();
        var hooks = new HookRecorder();
        await using var cluster = await ClusterNodes.StartAsync(redis, 2, o => Webhooks(o, hooks));

        await AdminAsync(cluster[0], HttpMethod.Put, "/__admin/workflows/runtime_only", Alpha, RuntimeWorkflow);
        await AdminAsync(cluster[0], HttpMethod.Post, "/__admin/faults", Alpha, """{"workflow": "paced", "webhook": {"status": 500}}""");
        Assert.NotEqual(HttpStatusCode.OK, (await AcceptAsync(cluster[1], Beta, "runtime_only")).Status);
        Assert.Empty(await FaultsAsync(cluster[1], Beta));

        var (_, betaAnswer) = await AcceptAsync(cluster[1], Beta, "paced");
        var betaChannel = betaAnswer["channel_id"]!.GetValue<string>();
        Assert.True(cluster[1].Services.GetRequiredService<RequestRegistry>().TryGet(betaChannel, out var betaRequest));
        Assert.Null(betaRequest.Faults.Webhook);
        Assert.Single(await FaultsAsync(cluster[0], Alpha));

        var (_, alphaAnswer) = await AcceptAsync(cluster[1], Alpha, "paced");
        var alphaChannel = alphaAnswer["channel_id"]!.GetValue<string>();
        await cluster[1].WaitForWebhookAsync(betaChannel, WebhookDeliveryState.Delivered, Patience);
        await cluster[1].WaitForWebhookAsync(alphaChannel, WebhookDeliveryState.Delivered, Patience);
        await FlushedAsync(cluster[1]);

        var alpha = (await AdminArrayAsync(cluster[0], "/__admin/webhooks", Alpha)).Items;
        var beta = (await AdminArrayAsync(cluster[0], "/__admin/webhooks", Beta)).Items;
        Assert.Equal([alphaChannel], alpha.Select(d => d!["channel_id"]!.GetValue<string>()));
        Assert.Equal([betaChannel], beta.Select(d => d!["channel_id"]!.GetValue<string>()));
        Assert.Equal([500, 200], alpha[0]!["attempts"]!.AsArray().Select(a => a!["status_code"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Journals_CappedAtMaxJournalEntriesAcrossNodes_ResetOfEverythingOnOneNodeClearsAll()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ClusterNodes.StartAsync(redis, 2, o => o.Settings["FakeRiver:Retention:MaxJournalEntries"] = "3");
        var channels = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var node = cluster[i % 2];
            var channelId = Guid.NewGuid().ToString();
            channels.Add(channelId);
            using var callback = await node.CreateClient().PostAsync($"/v1/callback/{channelId}", Json("""{"data": {}}"""));
            Assert.Equal(HttpStatusCode.NotFound, callback.StatusCode);
            await FlushedAsync(node); // the next node's entry comes after this one in Redis
        }
        Assert.Equal(HttpStatusCode.Forbidden, await RefusedUpgradeAsync(cluster[0]));
        Assert.Equal(HttpStatusCode.Forbidden, await RefusedUpgradeAsync(cluster[1]));
        await FlushedAsync(cluster[0]);
        await FlushedAsync(cluster[1]);

        var (_, callbacks) = await AdminAsync(cluster[0], HttpMethod.Get, "/__admin/callbacks");
        Assert.Equal(channels[2..], callbacks["callbacks"]!.AsArray().Select(c => c!["channel_id"]!.GetValue<string>()));
        var (_, sockets) = await AdminAsync(cluster[1], HttpMethod.Get, "/__admin/sockets");
        Assert.Equal(2, sockets["refused_upgrades"]!["total"]!.GetValue<long>());

        var (reset, _) = await AdminAsync(cluster[1], HttpMethod.Post, "/__admin/reset", null, "{}");
        Assert.Equal(HttpStatusCode.OK, reset);
        Assert.Empty((await AdminAsync(cluster[0], HttpMethod.Get, "/__admin/callbacks")).Answer["callbacks"]!.AsArray());
        Assert.Equal(0, (await AdminAsync(cluster[0], HttpMethod.Get, "/__admin/sockets")).Answer["refused_upgrades"]!["total"]!.GetValue<long>());
    }

    private static async Task<HttpStatusCode> RefusedUpgradeAsync(FakeRiverServer node)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(PhoenixStreamClient.SocketUri($"ws://{node.BaseAddress.Authority}/socket", "not-a-token"), CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // Refused at the upgrade: the status says how.
        }
        return socket.HttpStatusCode;
    }

    private static void Webhooks(FakeRiverServerOptions options, HookRecorder hooks)
    {
        options.WebhookUrl = Hooks;
        options.RouteHost("hooks.test", hooks);
        options.Settings["FakeRiver:OpenKeys"] = "true";
        options.Settings["FakeRiver:WebhookRetrySchedule:0"] = "00:00:00";
    }

    /// <summary>
    /// Waits until the node's journal entries queued so far are in Redis: they are sent without waiting on the node's
    /// one connection, so a round trip on that connection comes back after them.
    /// </summary>
    private static Task FlushedAsync(FakeRiverServer node) => node.Services.GetRequiredService<RedisState>().Db.PingAsync();

    private static async Task<(HttpStatusCode Status, JsonObject Answer)> AcceptAsync(FakeRiverServer node, string key, string workflow)
    {
        using var http = node.CreateClient(authorized: false);
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        using var answer = await http.PostAsync("/v1/ai/async", Json($$"""{"workflow": "{{workflow}}", "messages": [{"role": "user", "content": "Hi"}]}"""));
        return (answer.StatusCode, JsonNode.Parse(await answer.Content.ReadAsStringAsync()) as JsonObject ?? []);
    }

    private static async Task<(HttpStatusCode Status, JsonObject Answer)> AdminAsync(FakeRiverServer node, HttpMethod method, string path,
        string? scope = null, string? body = null)
    {
        var (status, text) = await SendAsync(node, method, path, scope, body);
        return (status, text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? []);
    }

    private static async Task<(HttpStatusCode Status, JsonArray Items)> AdminArrayAsync(FakeRiverServer node, string path, string? scope)
    {
        var (status, text) = await SendAsync(node, HttpMethod.Get, path, scope, null);
        return (status, JsonNode.Parse(text) as JsonArray ?? []);
    }

    private static async Task<JsonArray> FaultsAsync(FakeRiverServer node, string? scope) =>
        (await AdminAsync(node, HttpMethod.Get, "/__admin/faults", scope)).Answer["faults"]!.AsArray();

    private static async Task<(HttpStatusCode, string)> SendAsync(FakeRiverServer node, HttpMethod method, string path, string? scope, string? body)
    {
        using var http = node.CreateClient(authorized: false);
        using var message = new HttpRequestMessage(method, path);
        if (scope is not null) message.Headers.Add("X-FakeRiver-Project", scope);
        if (body is not null) message.Content = Json(body);
        using var answer = await http.SendAsync(message);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
