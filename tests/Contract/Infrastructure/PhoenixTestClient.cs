using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;

namespace Contract.Infrastructure;

/// <summary>
/// A minimal Phoenix v2 client over the test server's in-memory WebSocket: enough to join, read pushes and see
/// the close, which is what a browser using phoenix.js does. Frames are read as they come; no sleeps.
/// </summary>
public sealed class PhoenixTestClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly WebSocket _socket;
    private int _ref;

    private PhoenixTestClient(WebSocket socket) => _socket = socket;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<PhoenixTestClient> ConnectAsync(TestServer server, string websocketUrl, string token)
    {
        var uri = new Uri($"{websocketUrl}/websocket?token={Uri.EscapeDataString(token)}&vsn=2.0.0");
        var socket = await server.CreateWebSocketClient().ConnectAsync(uri, CancellationToken.None).WaitAsync(Patience);
        return new PhoenixTestClient(socket);
    }

    /// <summary>Sends <c>phx_join</c> and returns the <c>phx_reply</c> payload.</summary>
    public async Task<JsonObject> JoinAsync(string topic, JsonObject? payload = null)
    {
        var joinRef = NextRef();
        await SendAsync(joinRef, joinRef, topic, "phx_join", payload ?? []);
        var reply = await ReceiveAsync() ?? throw new InvalidOperationException("Socket closed before the join reply.");
        return (JsonObject)reply[4]!;
    }

    public Task SendAsync(string? joinRef, string? @ref, string topic, string @event, JsonNode payload)
    {
        var frame = new JsonArray(joinRef, @ref, topic, @event, payload).ToJsonString();
        return _socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);
    }

    public string NextRef() => Interlocked.Increment(ref _ref).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The next frame, or null when the server closed the socket.</summary>
    public async Task<JsonArray?> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Patience);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return (JsonArray)JsonNode.Parse(message.ToArray())!;
        }
    }

    /// <summary>Every frame until the server closes the socket.</summary>
    public async Task<IReadOnlyList<JsonArray>> ReadUntilCloseAsync()
    {
        var frames = new List<JsonArray>();
        while (await ReceiveAsync() is { } frame) frames.Add(frame);
        return frames;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(Patience);
            }
            catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException)
            {
                // Already gone: nothing to close.
            }
        }
        _socket.Dispose();
    }
}
