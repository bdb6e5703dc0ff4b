using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FakeRiver.Testing;

namespace Contract.Cluster;

/// <summary>N FakeRiver nodes on loopback sharing one Redis: each test's own cluster.</summary>
public sealed class ClusterNodes : IAsyncDisposable
{
    /// <summary>
    /// A plain workflow paced so a stream is still running while a test moves between nodes, an event-driven twin,
    /// and slow streams with one provider and with a backup provider (node failure).
    /// </summary>
    public const string Workflows = """
        workflows:
          - name: paced
            text_tokens: 20
            providers:
              - provider: openai
                model: gpt-4o-mini
                ttft_ms: 50
                tokens_per_second: 50
          - name: paced_events
            event_name: new_chat
            text_tokens: 20
            providers:
              - provider: openai
                model: gpt-4o-mini
                ttft_ms: 50
                tokens_per_second: 50
          - name: slow
            text_tokens: 200
            providers:
              - provider: openai
                model: gpt-4o-mini
                ttft_ms: 50
                tokens_per_second: 20
          - name: slow_with_backup
            text_tokens: 200
            providers:
              - provider: openai
                model: gpt-4o-mini
                ttft_ms: 50
                tokens_per_second: 20
              - provider: anthropic
                model: claude-3-5-haiku
                ttft_ms: 50
                tokens_per_second: 200
          - name: slow_with_two_backups
            text_tokens: 200
            providers:
              - provider: openai
                model: gpt-4o-mini
                ttft_ms: 50
                tokens_per_second: 20
              - provider: openai
                model: gpt-4o
                ttft_ms: 50
                tokens_per_second: 20
              - provider: anthropic
                model: claude-3-5-haiku
                ttft_ms: 50
                tokens_per_second: 200
        """;

    private ClusterNodes(IReadOnlyList<FakeRiverServer> nodes) => Nodes = nodes;

    public IReadOnlyList<FakeRiverServer> Nodes { get; }

    public FakeRiverServer this[int index] => Nodes[index];

    public static async Task<ClusterNodes> StartAsync(RedisServer redis, int count, Action<FakeRiverServerOptions>? configure = null)
    {
        var nodes = new List<FakeRiverServer>();
        for (var i = 0; i < count; i++)
        {
            nodes.Add(await FakeRiverServer.StartAsync(o =>
            {
                Configure(o, redis);
                configure?.Invoke(o);
            }));
        }
        return new ClusterNodes(nodes);
    }

    public static void Configure(FakeRiverServerOptions options, RedisServer redis)
    {
        options.Transport = FakeRiverTransport.Loopback;
        options.WorkflowsYaml = Workflows;
        options.Settings["FakeRiver:Redis"] = redis.ConnectionString;
        // Long enough that a test process busy with the whole suite still renews in time (a lapsed lease of a live
        // node hands its requests over); short enough that a killed node is taken over within seconds.
        options.Settings["FakeRiver:ClusterLease"] = "00:00:03";
    }

    public static async Task<JsonObject> AcceptAsync(FakeRiverServer node, string workflow)
    {
        using var http = node.CreateClient();
        using var answer = await http.PostAsJsonAsync("/v1/ai/async", new { workflow, messages = new[] { new { role = "user", content = "Hi" } } });
        answer.EnsureSuccessStatusCode();
        return (JsonObject)JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
    }

    /// <summary>The answer's connection fields, with the socket address moved to <paramref name="node"/>.</summary>
    public static JsonObject On(FakeRiverServer node, JsonObject answer)
    {
        var moved = (JsonObject)answer.DeepClone();
        moved["websocket_url"] = $"ws://{node.BaseAddress.Authority}/socket";
        return moved;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
    }
}
