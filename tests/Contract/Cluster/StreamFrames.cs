using System.Text.Json.Nodes;
using FakeRiver.Testing;

namespace Contract.Cluster;

/// <summary>Reads a socket's frames into (seq, delta) pairs until a condition; shared by the cluster tests.</summary>
public static class StreamFrames
{
    /// <summary>Reads until <paramref name="stop"/> holds for a frame (which is included); returns every frame read.</summary>
    public static async Task<List<PhoenixMessage>> ReadUntilAsync(PhoenixStreamClient client, Func<PhoenixMessage, bool> stop, TimeSpan patience)
    {
        using var cap = new CancellationTokenSource(patience);
        var read = new List<PhoenixMessage>();
        while (await client.ReceiveAsync(cap.Token) is { } message)
        {
            read.Add(message);
            if (stop(message)) return read;
        }
        return read;
    }

    public static bool IsFinal(PhoenixMessage message) =>
        message.Event == "response" && message.PayloadObject["status"]?.GetValue<string>() != "ai_generated";

    public static IEnumerable<(long Seq, string Delta)> Tokens(IEnumerable<PhoenixMessage> frames) =>
        frames.Where(m => m.Event == "tokens")
            .Select(m => (m.PayloadObject["seq"]!.GetValue<long>(), m.PayloadObject["delta"]!.GetValue<string>()));

    /// <summary>The tokens' seq numbers run 1, 2, 3, … with no gap and no duplicate.</summary>
    public static void AssertContiguous(IEnumerable<(long Seq, string Delta)> tokens)
    {
        var seqs = tokens.Select(t => t.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
    }

    /// <summary>After the final response, the socket carries no other response before it closes.</summary>
    public static async Task AssertNoFurtherResponseAsync(PhoenixStreamClient client, TimeSpan patience)
    {
        var rest = await ReadUntilAsync(client, _ => false, patience);
        Assert.DoesNotContain(rest, m => m.Event == "response");
    }

    /// <summary>Connects to <paramref name="node"/> with the answer's token and joins, resuming after <paramref name="lastSeq"/>.</summary>
    public static async Task<PhoenixStreamClient> JoinAsync(FakeRiverServer node, JsonObject connection, long? lastSeq = null)
    {
        using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var uri = PhoenixStreamClient.SocketUri($"ws://{node.BaseAddress.Authority}/socket", connection["ws_token"]!.GetValue<string>());
        var client = new PhoenixStreamClient(await node.ConnectWebSocketAsync(uri, cap.Token), TimeProvider.System);
        var payload = lastSeq is { } seq ? new JsonObject { ["last_seq"] = seq } : null;
        var (_, reply) = await client.JoinAsync(connection["websocket_channel"]!.GetValue<string>(), payload, cap.Token);
        Assert.Equal("ok", reply["status"]?.GetValue<string>());
        return client;
    }
}
