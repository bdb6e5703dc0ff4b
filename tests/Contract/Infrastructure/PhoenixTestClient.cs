using System.Net.WebSockets;
using System.Text.Json.Nodes;
using FakeRiver.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Contract.Infrastructure;

/// <summary>
/// The shared <see cref="PhoenixStreamClient"/> over the test server's in-memory WebSocket, with every wait capped
/// in real time so a broken server fails the test instead of hanging it. Frames come back as JSON arrays.
/// </summary>
public sealed class PhoenixTestClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly PhoenixStreamClient _client;

    private PhoenixTestClient(PhoenixStreamClient client) => _client = client;

    public WebSocketCloseStatus? CloseStatus => _client.CloseStatus;

    public static async Task<PhoenixTestClient> ConnectAsync(TestServer server, string websocketUrl, string token)
    {
        var socket = await server.CreateWebSocketClient()
            .ConnectAsync(PhoenixStreamClient.SocketUri(websocketUrl, token), CancellationToken.None).WaitAsync(Patience);
        return new PhoenixTestClient(new PhoenixStreamClient(socket, TimeProvider.System));
    }

    /// <summary>Sends <c>phx_join</c> and returns the <c>phx_reply</c> payload.</summary>
    public async Task<JsonObject> JoinAsync(string topic, JsonObject? payload = null)
    {
        using var cap = new CancellationTokenSource(Patience);
        return (await _client.JoinAsync(topic, payload, cap.Token)).Reply;
    }

    /// <summary>The next frame as <c>[join_ref, ref, topic, event, payload]</c>, or null when the server closed.</summary>
    public async Task<JsonArray?> ReceiveAsync()
    {
        using var cap = new CancellationTokenSource(Patience);
        var message = await _client.ReceiveAsync(cap.Token);
        return message is null ? null : new JsonArray(message.JoinRef, message.Ref, message.Topic, message.Event, message.Payload);
    }

    /// <summary>Every frame until the server closes the socket.</summary>
    public async Task<IReadOnlyList<JsonArray>> ReadUntilCloseAsync()
    {
        var frames = new List<JsonArray>();
        while (await ReceiveAsync() is { } frame) frames.Add(frame);
        return frames;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
