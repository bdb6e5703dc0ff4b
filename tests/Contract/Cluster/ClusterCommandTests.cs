using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FakeRiver;
using FakeRiver.Cli;
using FakeRiver.Requests;
using FakeRiver.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Contract.Cluster;

/// <summary><c>fakeriver cluster</c>: N nodes behind a YARP round-robin front, one address for everything.</summary>
public sealed class ClusterCommandTests
{
    [Fact]
    public async Task Cluster_ThreeNodesBehindFront_RoundRobinAndEveryUrlPointsAtTheFront()
    {
        await using var redis = await RedisServer.StartAsync();
        var workflows = Path.Combine(Path.GetTempPath(), $"fakeriver-front-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(workflows, ClusterNodes.Workflows);
        try
        {
            var parsed = ClusterCommand.Parse(["--nodes", "3", "--redis", redis.ConnectionString, "--urls", "http://127.0.0.1:0",
                "--config", workflows, $"--MODELRIVER_API_KEY={DevDefaults.ApiKey}", "--Logging:LogLevel:Default=Warning"])!;
            await using var cluster = await ClusterCommand.StartAsync(parsed);
            var front = new Uri(cluster.FrontUrl);
            using var http = new HttpClient { BaseAddress = front };
            http.DefaultRequestHeaders.Authorization = new("Bearer", DevDefaults.ApiKey);

            var answers = new List<JsonObject>();
            for (var i = 0; i < 3; i++)
            {
                using var accepted = await http.PostAsJsonAsync("/v1/ai/async",
                    new { workflow = "paced_events", messages = new[] { new { role = "user", content = "Hi" } } });
                answers.Add((JsonObject)JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!);
            }

            // Round robin: each node accepted one request; every socket URL names the front.
            Assert.All(cluster.Nodes, node => Assert.Single(node.Services.GetRequiredService<RequestRegistry>().All()));
            Assert.All(answers, a => Assert.Equal($"ws://{front.Authority}/socket", a["websocket_url"]?.GetValue<string>()));

            // The stream through the front (WebSocket proxied), then the callback through the front.
            var answer = answers[0];
            await using var stream = await FakeRiverServerJoin(answer);
            var generated = await StreamFrames.ReadUntilAsync(stream, m => m.Event == "response", TimeSpan.FromSeconds(20));
            Assert.Equal("ai_generated", generated[^1].PayloadObject["status"]?.GetValue<string>());
            var channelId = answer["channel_id"]!.GetValue<string>();
            var owner = cluster.Nodes.Single(n => n.Services.GetRequiredService<RequestRegistry>().TryGet(channelId, out _));
            owner.Services.GetRequiredService<RequestRegistry>().TryGet(channelId, out var request);
            Assert.StartsWith(front.ToString(), request!.CallbackUrl);
            using var callback = await http.PostAsJsonAsync(new Uri(request.CallbackUrl), new { data = new { reply = "ok" } });
            callback.EnsureSuccessStatusCode();
            var end = await StreamFrames.ReadUntilAsync(stream, StreamFrames.IsFinal, TimeSpan.FromSeconds(20));
            Assert.Equal("completed", end[^1].PayloadObject["status"]?.GetValue<string>());
        }
        finally
        {
            File.Delete(workflows);
        }
    }

    private static async Task<PhoenixStreamClient> FakeRiverServerJoin(JsonObject answer)
    {
        using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(PhoenixStreamClient.SocketUri(answer["websocket_url"]!.GetValue<string>(), answer["ws_token"]!.GetValue<string>()), cap.Token);
        var client = new PhoenixStreamClient(socket, TimeProvider.System);
        var (_, reply) = await client.JoinAsync(answer["websocket_channel"]!.GetValue<string>(), null, cap.Token);
        Assert.Equal("ok", reply["status"]?.GetValue<string>());
        return client;
    }
}
