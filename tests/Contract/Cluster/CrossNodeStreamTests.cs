using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using FakeRiver.Requests;
using FakeRiver.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Contract.Cluster;

/// <summary>
/// Three nodes sharing a real Redis (docs/ARCHITECTURE.md 2.1): whichever node a step lands on, the request behaves
/// as on one node — one stream, one token use, one completion.
/// </summary>
public sealed class CrossNodeStreamTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Request_AcceptSocketCallbackReconnectOnDifferentNodes_TokensConcatenateWithoutGapOrDuplicate()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ClusterNodes.StartAsync(redis, 3);
        var answer = await ClusterNodes.AcceptAsync(cluster[0], "paced_events");
        var channelId = answer["channel_id"]!.GetValue<string>();

        // Socket on node 1: the first three tokens, then the browser drops.
        List<PhoenixMessage> first;
        await using (var socket = await StreamFrames.JoinAsync(cluster[1], answer))
        {
            first = await StreamFrames.ReadUntilAsync(socket, m => StreamFrames.Tokens([m]).Any(t => t.Seq == 3), Patience);
        }
        var seen = StreamFrames.Tokens(first).Select(t => t.Seq).Max();

        // Reconnect through node 0's API, socket on node 2 resuming after what was seen.
        using var http = cluster[0].CreateClient();
        using var reconnect = await http.PostAsJsonAsync("/api/v1/ai/reconnect", new { channel_id = channelId });
        var fresh = (JsonObject)JsonNode.Parse(await reconnect.Content.ReadAsStringAsync())!;
        await using var second = await StreamFrames.JoinAsync(cluster[2], fresh, seen);
        var rest = await StreamFrames.ReadUntilAsync(second, m => m.Event == "response", Patience);
        Assert.Equal("ai_generated", rest[^1].PayloadObject["status"]?.GetValue<string>());

        // The backend calls back on node 2; node 0 owns the request and completes it; node 2's socket sees it.
        using var callbackClient = cluster[2].CreateClient();
        using var callback = await callbackClient.PostAsJsonAsync($"/v1/callback/{channelId}", new { data = new { reply = "enriched" }, task_id = "t-1" });
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        var end = await StreamFrames.ReadUntilAsync(second, StreamFrames.IsFinal, Patience);
        Assert.Equal("completed", end[^1].PayloadObject["status"]?.GetValue<string>());

        var tokens = StreamFrames.Tokens(first).Where(t => t.Seq <= seen).Concat(StreamFrames.Tokens(rest)).Concat(StreamFrames.Tokens(end)).ToList();
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), tokens.Select(t => t.Seq));
        Assert.True(cluster[0].Services.GetRequiredService<RequestRegistry>().TryGet(channelId, out var owned));
        Assert.Equal(owned.Log.CommittedText, string.Concat(tokens.Select(t => t.Delta)));

        // A second callback, on yet another node, is refused: one completion.
        using var again = await cluster[1].CreateClient().PostAsJsonAsync($"/v1/callback/{channelId}", new { data = new { reply = "again" } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task WsToken_RedeemedOnTwoNodesAtOnce_OneSocketOpensOneIsRefused403()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ClusterNodes.StartAsync(redis, 3);
        var answer = await ClusterNodes.AcceptAsync(cluster[0], "paced");
        var token = answer["ws_token"]!.GetValue<string>();

        var attempts = await Task.WhenAll(Connect(cluster[1], token), Connect(cluster[2], token));

        Assert.Single(attempts, status => status == HttpStatusCode.SwitchingProtocols);
        Assert.Single(attempts, status => status == HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Streams_200ConcurrentAcrossThreeNodes_NoneLost()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ClusterNodes.StartAsync(redis, 3);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            var owner = cluster[i % 3];
            var answer = await ClusterNodes.AcceptAsync(owner, "paced");
            await using var socket = await StreamFrames.JoinAsync(cluster[(i + 1) % 3], answer);
            var frames = await StreamFrames.ReadUntilAsync(socket, StreamFrames.IsFinal, TimeSpan.FromSeconds(60));
            owner.Services.GetRequiredService<RequestRegistry>().TryGet(answer["channel_id"]!.GetValue<string>(), out var request);
            var tokens = StreamFrames.Tokens(frames).ToList();
            return frames.Count > 0 && StreamFrames.IsFinal(frames[^1])
                && frames[^1].PayloadObject["status"]?.GetValue<string>() == "success"
                && tokens.Select(t => t.Seq).SequenceEqual(Enumerable.Range(1, 20).Select(n => (long)n))
                && string.Concat(tokens.Select(t => t.Delta)) == request!.Log.CommittedText;
        }));

        Assert.Equal(0, results.Count(ok => !ok));
    }

    private static async Task<HttpStatusCode> Connect(FakeRiverServer node, string token)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(PhoenixStreamClient.SocketUri($"ws://{node.BaseAddress.Authority}/socket", token), CancellationToken.None);
            return socket.HttpStatusCode;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
    }
}
