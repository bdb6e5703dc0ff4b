using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FakeRiver;
using FakeRiver.Cluster;
using FakeRiver.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Contract.Cluster;

/// <summary>
/// Nodes and Redis that go away (docs/ARCHITECTURE.md 2.1): a killed node's request still ends exactly once, with its
/// webhook; Redis away gives a clear 503 and the node recovers when it is back; no Redis at start, no start.
/// </summary>
public sealed class NodeFailureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Node_KilledMidStream_AnotherNodeEndsItOnceWithErrorResponseAndWebhook()
    {
        await using var redis = await RedisServer.StartAsync();
        var hooks = new HookRecorder();
        await using var survivors = await ClusterNodes.StartAsync(redis, 2, o =>
        {
            o.WebhookUrl = "http://hooks.test/hook";
            o.RouteHost("hooks.test", hooks);
        });
        await using var doomed = await ChildNode.StartAsync(redis, "--FakeRiver:WebhookUrl=http://hooks.test/hook");

        var answer = await doomed.AcceptAsync("slow");
        var channelId = answer["channel_id"]!.GetValue<string>();

        await using var socket = await StreamFrames.JoinAsync(survivors[0], answer);
        var before = await StreamFrames.ReadUntilAsync(socket, m => StreamFrames.Tokens([m]).Any(t => t.Seq == 5), Patience);
        await doomed.KillAsync();

        var after = await StreamFrames.ReadUntilAsync(socket, StreamFrames.IsFinal, Patience);
        var final = after[^1].PayloadObject;
        Assert.Equal("error", final["status"]?.GetValue<string>());
        Assert.Equal("internal_error", final["error"]?["code"]?.GetValue<string>());
        var tokens = StreamFrames.Tokens(before.Concat(after)).ToList();
        StreamFrames.AssertContiguous(tokens);
        Assert.True(tokens.Count < 200, "the stream was cut mid-way");
        // Exactly one final response, then the socket closes.
        await StreamFrames.AssertNoFurtherResponseAsync(socket, Patience);
        Assert.Equal(WebSocketCloseStatusNormal, socket.CloseStatus);
        // One webhook delivery, from whichever survivor took the request over.
        var deliveries = survivors.Nodes.SelectMany(n => n.GetWebhooks()).Where(d => d.ChannelId == channelId).ToList();
        Assert.Single(deliveries);
        await survivors.Nodes.First(n => n.GetWebhooks().Any(d => d.ChannelId == channelId))
            .WaitForWebhookAsync(d => d.ChannelId == channelId && d.Attempts.Count > 0, Patience);
        Assert.Single(hooks.Bodies, b => b["channel_id"]?.GetValue<string>() == channelId && b["status"]?.GetValue<string>() == "error");
    }

    [Fact]
    public async Task Node_KilledMidStreamWithBackupProvider_AnotherNodeContinuesTheTextOnceWithSuccessAndWebhook()
    {
        await using var redis = await RedisServer.StartAsync();
        var hooks = new HookRecorder();
        await using var survivors = await ClusterNodes.StartAsync(redis, 2, o =>
        {
            o.WebhookUrl = "http://hooks.test/hook";
            o.RouteHost("hooks.test", hooks);
        });
        await using var doomed = await ChildNode.StartAsync(redis, "--FakeRiver:WebhookUrl=http://hooks.test/hook");

        var answer = await doomed.AcceptAsync("slow_with_backup");
        var channelId = answer["channel_id"]!.GetValue<string>();

        await using var socket = await StreamFrames.JoinAsync(survivors[0], answer);
        var before = await StreamFrames.ReadUntilAsync(socket, m => StreamFrames.Tokens([m]).Any(t => t.Seq == 5), Patience);
        await doomed.KillAsync();

        var after = await StreamFrames.ReadUntilAsync(socket, StreamFrames.IsFinal, Patience);
        var final = after[^1].PayloadObject;
        Assert.Equal("success", final["status"]?.GetValue<string>());
        // The backup provider went on from the committed text: the deltas, in seq order with none missing or
        // repeated, are the final text.
        var frames = before.Concat(after).ToList();
        var tokens = StreamFrames.Tokens(frames).ToList();
        StreamFrames.AssertContiguous(tokens);
        var text = final["data"]?["choices"]?[0]?["message"]?["content"]?.GetValue<string>();
        Assert.Equal(text, string.Concat(tokens.Select(t => t.Delta)));
        Assert.Equal(200, text!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        var attempts = final["meta"]!["attempts"]!.AsArray();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(OrphanFinisher.NodeStopped, attempts[0]!["reason"]?.GetValue<string>());
        Assert.Equal("claude-3-5-haiku", final["meta"]!["model"]?.GetValue<string>());
        Assert.Contains(frames, m => m.Event == "status" && m.PayloadObject["status"]?.GetValue<string>() == "failover"
            && m.PayloadObject["reason"]?.GetValue<string>() == OrphanFinisher.NodeStopped);
        // Exactly one final response, then the socket closes; one webhook, with the same text.
        await StreamFrames.AssertNoFurtherResponseAsync(socket, Patience);
        Assert.Equal(WebSocketCloseStatusNormal, socket.CloseStatus);
        var owner = survivors.Nodes.Single(n => n.GetWebhooks().Any(d => d.ChannelId == channelId));
        await owner.WaitForWebhookAsync(channelId, FakeRiver.Webhooks.WebhookDeliveryState.Delivered, Patience);
        var hook = Assert.Single(hooks.Bodies, b => b["channel_id"]?.GetValue<string>() == channelId);
        Assert.Equal("success", hook["status"]?.GetValue<string>());
        Assert.Equal(text, hook["data"]?["choices"]?[0]?["message"]?["content"]?.GetValue<string>());
    }

    [Fact]
    public async Task Node_TakerKilledMidStreamToo_AThirdNodeContinuesOnceWithSuccess()
    {
        await using var redis = await RedisServer.StartAsync();
        var hooks = new HookRecorder();
        // The socket's node renews its lease only every 20 minutes, so it never sweeps during the test: the first
        // take-over goes to the second process, the second one to a node started once the first is done.
        await using var watcher = await FakeRiverServer.StartAsync(o =>
        {
            ClusterNodes.Configure(o, redis);
            o.Settings["FakeRiver:ClusterLease"] = "01:00:00";
        });
        await using var first = await ChildNode.StartAsync(redis, "--FakeRiver:WebhookUrl=http://hooks.test/hook");
        await using var second = await ChildNode.StartAsync(redis, "--FakeRiver:WebhookUrl=http://hooks.test/hook");

        var answer = await first.AcceptAsync("slow_with_two_backups");
        var channelId = answer["channel_id"]!.GetValue<string>();
        await using var socket = await StreamFrames.JoinAsync(watcher, answer);
        var frames = await StreamFrames.ReadUntilAsync(socket, m => StreamFrames.Tokens([m]).Any(t => t.Seq == 5), Patience);
        await first.KillAsync();

        // The second process continues with provider 2; a few of its tokens later it is killed too.
        frames.AddRange(await StreamFrames.ReadUntilAsync(socket, m => IsFailover(m, attempt: 2), Patience));
        var resumedAt = StreamFrames.Tokens(frames).Max(t => t.Seq);
        frames.AddRange(await StreamFrames.ReadUntilAsync(socket, m => StreamFrames.Tokens([m]).Any(t => t.Seq == resumedAt + 5), Patience));
        await using var last = await FakeRiverServer.StartAsync(o =>
        {
            ClusterNodes.Configure(o, redis);
            o.WebhookUrl = "http://hooks.test/hook";
            o.RouteHost("hooks.test", hooks);
        });
        await second.KillAsync();

        frames.AddRange(await StreamFrames.ReadUntilAsync(socket, StreamFrames.IsFinal, Patience));
        var final = frames[^1].PayloadObject;
        Assert.Equal("success", final["status"]?.GetValue<string>());
        Assert.Contains(frames, m => IsFailover(m, attempt: 3));
        var tokens = StreamFrames.Tokens(frames).ToList();
        StreamFrames.AssertContiguous(tokens);
        Assert.Equal(final["data"]?["choices"]?[0]?["message"]?["content"]?.GetValue<string>(), string.Concat(tokens.Select(t => t.Delta)));
        Assert.Equal([OrphanFinisher.NodeStopped, OrphanFinisher.NodeStopped, null],
            final["meta"]!["attempts"]!.AsArray().Select(a => a!["reason"]?.GetValue<string>()));
        await StreamFrames.AssertNoFurtherResponseAsync(socket, Patience);
        await last.WaitForWebhookAsync(channelId, FakeRiver.Webhooks.WebhookDeliveryState.Delivered, Patience);
        Assert.Single(hooks.Bodies, b => b["channel_id"]?.GetValue<string>() == channelId && b["status"]?.GetValue<string>() == "success");
    }

    private static bool IsFailover(PhoenixMessage message, int attempt) =>
        message.Event == "status" && message.PayloadObject["status"]?.GetValue<string>() == "failover"
        && message.PayloadObject["attempt"]?.GetValue<int>() == attempt
        && message.PayloadObject["reason"]?.GetValue<string>() == OrphanFinisher.NodeStopped;

    [Fact]
    public async Task Redis_RestartedBetweenRequests_503WhileAwayThenRecovers()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ClusterNodes.StartAsync(redis, 1);
        var node = cluster[0];
        var connection = node.Services.GetRequiredService<RedisState>().Connection;
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionRestored += (_, _) => restored.TrySetResult();

        await redis.StopAsync();
        using var http = node.CreateClient();
        using var away = await http.PostAsJsonAsync("/v1/ai/async", new { workflow = "paced", messages = new[] { new { role = "user", content = "Hi" } } });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, away.StatusCode);
        var error = JsonNode.Parse(await away.Content.ReadAsStringAsync())!;
        Assert.Equal("state_store_unavailable", error["error"]?["code"]?.GetValue<string>());

        await redis.RestartAsync();
        await restored.Task.WaitAsync(Patience);
        var answer = await ClusterNodes.AcceptAsync(node, "paced");
        await using var socket = await StreamFrames.JoinAsync(node, answer);
        var frames = await StreamFrames.ReadUntilAsync(socket, StreamFrames.IsFinal, Patience);
        Assert.Equal("success", frames[^1].PayloadObject["status"]?.GetValue<string>());
    }

    [Fact]
    public async Task Cluster_RedisUnreachableAtStart_OneLineNoStackTraceAndExit2()
    {
        var port = Providers.OpenAi.OpenAiUpstream.FreePort();

        var (code, error, output) = await ChildNode.RunToExitAsync("cluster", "--nodes", "2", "--urls", "http://127.0.0.1:0", "--redis", $"127.0.0.1:{port}");

        Assert.Equal(2, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"FakeRiver cannot start: Redis at '127.0.0.1:{port}' cannot be reached", line);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    private const System.Net.WebSockets.WebSocketCloseStatus WebSocketCloseStatusNormal = System.Net.WebSockets.WebSocketCloseStatus.NormalClosure;
}
