using System.Net.WebSockets;
using System.Text.Json.Nodes;
using FakeRiver.Testing;

namespace Perf.Load;

/// <summary>
/// The browser side of one stream, the same for FakeRiver and the limit: connect, join, then timestamp every
/// <c>tokens</c> push by seq until the server closes the socket after the final response.
/// </summary>
public static class StreamListener
{
    /// <summary>Phoenix closes a socket idle for 60 s; phoenix.js heartbeats every 30 s, a bit earlier is safer.</summary>
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(25);

    public static async Task ListenAsync(Uri socketUri, string topic, StreamRecord record, SetupGate gate, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        await using var client = new PhoenixStreamClient(socket, TimeProvider.System);
        await socket.ConnectAsync(socketUri, ct);
        var (_, reply) = await client.JoinAsync(topic, null, ct);
        record.JoinedAt = Ticks.Now();
        gate.Leave();
        if (reply["status"]?.GetValue<string>() != "ok") throw new InvalidOperationException($"join refused: {reply.ToJsonString()}");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeats = HeartbeatAsync(client, stop.Token);
        try
        {
            long highest = 0;
            while (await client.ReceiveAsync(ct) is { } message)
            {
                var at = Ticks.Now();
                if (message.Event == "tokens") Record(record, message.PayloadObject, at, ref highest);
                else if (message.Event == "response") Final(record, message.PayloadObject, at);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await heartbeats;
        }
    }

    private static void Record(StreamRecord record, JsonObject payload, long at, ref long highest)
    {
        var seq = payload["seq"]?.GetValue<long>() ?? 0;
        if (seq < 1 || seq > record.TokenArrivals.Length)
        {
            record.OutOfRange++;
            return;
        }
        if (record.TokenArrivals[seq - 1] != 0) record.Duplicates++;
        else record.TokenArrivals[seq - 1] = at;
        if (seq < highest) record.Reordered++;
        highest = Math.Max(highest, seq);
    }

    private static void Final(StreamRecord record, JsonObject payload, long at)
    {
        var status = payload["status"]?.GetValue<string>();
        // ai_generated is an intermediate response of event-driven workflows; completed/success/error end the stream.
        if (status is "completed" or "success" or "error")
        {
            record.FinalAt = at;
            record.FinalStatus = status;
        }
    }

    private static async Task HeartbeatAsync(PhoenixStreamClient client, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(HeartbeatEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(ct)) await client.HeartbeatAsync(ct);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The stream ended (or the socket closed under a heartbeat): nothing left to keep alive.
        }
    }
}
