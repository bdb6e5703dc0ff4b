using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;

namespace Contract.Flow;

/// <summary>
/// One chat through ChatBackend as a browser does it: POST /chat, then join the channel with the returned token
/// and read every frame until FakeRiver closes the socket.
/// </summary>
public sealed record ChatFlow(JsonObject Chat, IReadOnlyList<JsonArray> Frames, System.Net.WebSockets.WebSocketCloseStatus? Close)
{
    public static async Task<ChatFlow> RunAsync(HarnessHost host, JsonObject chatBody)
    {
        using var browser = host.BackendClient();
        var (response, chat) = await AsyncApi.PostAsync(browser, "/chat", AsyncApi.Json(chatBody));
        Assert.True(response.IsSuccessStatusCode, chat.ToJsonString());
        ContractAssert.Valid("chatbackend-chat-response", chat);

        await using var socket = await PhoenixTestClient.ConnectAsync(host.River.Server,
            chat["websocket_url"]!.GetValue<string>(), chat["ws_token"]!.GetValue<string>());
        var reply = await socket.JoinAsync(chat["websocket_channel"]!.GetValue<string>());
        Assert.Equal("ok", reply["status"]!.GetValue<string>());
        // Joined before anything streamed (paced workflows); now let virtual time run the whole request (a few
        // seconds). Less than Phoenix's 60 s idle timeout, as this client sends no heartbeats, and less than the 30 s
        // send timeout: a frame still in flight while the clock jumps a whole send timeout is a stalled peer (1013).
        host.Clock.Advance(TimeSpan.FromSeconds(20));
        var frames = await socket.ReadUntilCloseAsync();
        return new ChatFlow(chat, frames, socket.CloseStatus);
    }

    public IEnumerable<JsonObject> Payloads(string @event) =>
        Frames.Where(f => f[3]!.GetValue<string>() == @event).Select(f => (JsonObject)f[4]!);

    /// <summary>The deltas in <c>seq</c> order, concatenated, after checking there is no gap and no duplicate.</summary>
    public string StreamedText()
    {
        var tokens = Payloads("tokens").OrderBy(t => t["seq"]!.GetValue<long>()).ToList();
        for (var i = 0; i < tokens.Count; i++) Assert.Equal(i + 1, tokens[i]["seq"]!.GetValue<long>());
        return string.Concat(tokens.Select(t => t["delta"]!.GetValue<string>()));
    }

    public void AssertEveryMessageMatchesContracts()
    {
        foreach (var frame in Frames) ContractAssert.Valid("phoenix-frame-v2", frame);
        foreach (var payload in Payloads("tokens")) ContractAssert.Valid("channel-tokens", payload);
        foreach (var payload in Payloads("status")) ContractAssert.Valid("channel-status", payload);
        foreach (var payload in Payloads("response")) ContractAssert.Valid("channel-response", payload);
    }
}
