using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FakeRiver.Requests;
using FakeRiver.Scenarios.Browser;
using FakeRiver.Scenarios.Model;

namespace FakeRiver.Scenarios.Running;

/// <summary>
/// Plays the browser of the public example: POST /chat on the backend, join the channel with the returned token,
/// heartbeat every 30 s like phoenix.js, read until the server closes — and the scenario's misbehaviour (drop
/// after N tokens, reconnect through FakeRiver with <c>last_seq</c>, join late, reuse a token).
/// </summary>
internal sealed class ScenarioBrowser(IScenarioWorld world, Scenario scenario)
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(30);

    public BrowserRecord Record { get; } = new();

    public async Task RunAsync(CancellationToken ct)
    {
        Record.StartedAt = world.Clock.GetUtcNow();
        if (scenario.Client.Sync is { } sync)
        {
            await new SyncCaller(world, scenario, Record).RunAsync(sync, ct);
            return;
        }
        JsonObject? chat;
        // Busy from the first instruction: time must not move before the browser's first request is on its way.
        using (world.Busy()) chat = await ChatAsync(ct);
        if (chat is null || !scenario.Client.Join) return;
        var channelId = Text(chat, "channel_id");
        if (scenario.Client.JoinLate) await RequestFinishedAsync(channelId, ct);

        var dropped = await SessionAsync(Text(chat, "websocket_url"), Text(chat, "ws_token"), Text(chat, "websocket_channel"),
            null, scenario.Client.JoinLate ? "late_join" : "join", scenario.Client.ReuseToken, ct);
        if (!dropped || !scenario.Client.Reconnect) return;

        JsonObject? fresh;
        using (world.Busy()) fresh = await ReconnectAsync(channelId, ct);
        if (fresh is null) return;
        var lastSeq = Record.Events("tokens").Select(f => f.Message.PayloadObject["seq"]?.GetValue<long>() ?? 0).DefaultIfEmpty().Max();
        await SessionAsync(Text(fresh, "websocket_url"), Text(fresh, "ws_token"), Text(fresh, "websocket_channel"), lastSeq, "reconnect",
            false, ct);
    }

    private async Task<JsonObject?> ChatAsync(CancellationToken ct)
    {
        var body = new JsonObject { ["message"] = scenario.Client.Message, ["workflow"] = scenario.Workflow.Name };
        // The example backend asks for events ["webhook_received"] by default, which makes any workflow event-driven.
        if (!scenario.Workflow.IsEventDriven) body["events"] = new JsonArray();
        using var http = world.BackendClient();
        using var response = await http.PostAsJsonAsync(world.Chat.Route, body, ct);
        Record.ChatStatus = (int)response.StatusCode;
        Record.ChatBody = world.Chat.Canonical(JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)));
        return response.IsSuccessStatusCode ? Record.ChatBody as JsonObject : null;
    }

    private async Task<JsonObject?> ReconnectAsync(string channelId, CancellationToken ct)
    {
        using var http = world.RiverClient();
        using var response = await http.PostAsJsonAsync("api/v1/ai/reconnect", new JsonObject { ["channel_id"] = channelId }, ct);
        Record.ReconnectStatus = (int)response.StatusCode;
        Record.ReconnectBody = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
        return response.IsSuccessStatusCode ? Record.ReconnectBody as JsonObject : null;
    }

    /// <summary>One socket: connect, join, read until closed; true when the browser dropped it on purpose.</summary>
    private async Task<bool> SessionAsync(string url, string token, string topic, long? lastSeq, string how, bool reuse, CancellationToken ct)
    {
        var connection = new BrowserConnection(Record.Connections.Count + 1, how);
        Record.Connections.Add(connection);
        await using var client = new PhoenixChannelClient(await world.ConnectAsync(PhoenixChannelClient.SocketUri(url, token), ct), world.Clock);
        using (world.Busy())
        {
            var payload = lastSeq is { } seq ? new JsonObject { ["last_seq"] = seq } : null;
            connection.JoinReply = (await client.JoinAsync(topic, payload, ct)).Reply;
        }
        if (reuse) await TryReuseAsync(url, token, ct);
        using var heartbeat = world.Clock.CreateTimer(_ => _ = BeatAsync(client, ct), null, HeartbeatInterval, HeartbeatInterval);
        while (await client.ReceiveAsync(ct) is { } message)
        {
            Record.Frames.Add((connection.Number, message));
            world.Touch();
            if (message.Event == "tokens" && how == "join" && scenario.Client.DisconnectAfterTokens == Record.Events("tokens").Count())
            {
                // A network drop: no close handshake, the server finds out on its own.
                client.Socket.Abort();
                connection.Dropped = true;
                return true;
            }
        }
        connection.CloseStatus = (int?)client.CloseStatus;
        return false;
    }

    private async Task TryReuseAsync(string url, string token, CancellationToken ct)
    {
        try
        {
            using var second = await world.ConnectAsync(PhoenixChannelClient.SocketUri(url, token), ct);
            Record.TokenReuseStatus = 101;
            second.Abort();
        }
        catch (UpgradeRefusedException refused)
        {
            Record.TokenReuseStatus = refused.Status;
        }
    }

    private async Task BeatAsync(PhoenixChannelClient client, CancellationToken ct)
    {
        try
        {
            using (world.Busy()) await client.HeartbeatAsync(ct);
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket is closing; phoenix.js would stop beating too.
        }
    }

    private Task RequestFinishedAsync(string channelId, CancellationToken ct) =>
        world.River.GetRequiredService<RequestRegistry>().TryGet(channelId, out var request)
            ? request.Log.Finished.WaitAsync(ct)
            : Task.CompletedTask;

    private static string Text(JsonObject json, string key) => json[key]?.GetValue<string>() ?? "";
}
