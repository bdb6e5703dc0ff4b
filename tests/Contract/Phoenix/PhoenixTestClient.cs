using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Contract.Phoenix;

/// <summary>
/// A raw WebSocket client speaking Phoenix frames as a browser would. Every wait is on the next message, capped
/// in real time so a broken server fails the test instead of hanging it.
/// </summary>
internal sealed class PhoenixTestClient(WebSocket socket) : IDisposable
{
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(10);

    public WebSocket Socket { get; } = socket;

    public Task SendTextAsync(string text) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Cap);

    public Task SendAsync(string? joinRef, string? msgRef, string topic, string evt, string payloadJson = "{}") =>
        SendTextAsync(new JsonArray(joinRef, msgRef, topic, evt, JsonNode.Parse(payloadJson)).ToJsonString());

    /// <summary>Joins and returns the reply.</summary>
    public async Task<ReceivedFrame> JoinAsync(string topic, string joinRef = "1", string payloadJson = "{}")
    {
        await SendAsync(joinRef, joinRef, topic, "phx_join", payloadJson);
        return await ReceiveFrameAsync();
    }

    /// <summary>The next whole message: its text, or null text and the close status when the server closed.</summary>
    public async Task<(string? Text, WebSocketCloseStatus? Close)> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Cap);
            if (result.MessageType == WebSocketMessageType.Close) return (null, result.CloseStatus);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return (Encoding.UTF8.GetString(message.ToArray()), null);
        }
    }

    public async Task<ReceivedFrame> ReceiveFrameAsync()
    {
        var (text, close) = await ReceiveAsync();
        Assert.True(text is not null, $"expected a frame, got close {close}");
        return ReceivedFrame.Parse(text);
    }

    /// <summary>Waits for the server's close frame, acknowledges it and returns its status.</summary>
    public async Task<WebSocketCloseStatus?> ReceiveCloseAsync()
    {
        var (text, close) = await ReceiveAsync();
        Assert.True(text is null, $"expected a close, got frame {text}");
        await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(Cap);
        return close;
    }

    /// <summary>Reads frames until the server closes; returns them and the close status.</summary>
    public async Task<(List<ReceivedFrame> Frames, WebSocketCloseStatus? Close)> ReceiveUntilCloseAsync()
    {
        var frames = new List<ReceivedFrame>();
        while (true)
        {
            var (text, close) = await ReceiveAsync();
            if (text is null)
            {
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(Cap);
                return (frames, close);
            }
            frames.Add(ReceivedFrame.Parse(text));
        }
    }

    public void Dispose() => Socket.Dispose();
}
