using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace FakeRiver.Testing;

/// <summary>
/// The browser's side of a Phoenix v2 socket, as phoenix.js speaks it: join, heartbeat, leave, and reading pushes.
/// It wraps any connected <see cref="WebSocket"/> (a real ClientWebSocket or a test server's), so the scenario
/// runner, the tests and the load driver share one client. Not thread-safe for concurrent receives.
/// <see cref="FakeRiverServer.JoinStreamAsync(string, string, string, TimeSpan?, CancellationToken)"/> builds one
/// already joined; use this type directly to drive the protocol frame by frame.
/// </summary>
/// <param name="socket">An open WebSocket to FakeRiver's <c>/socket/websocket</c> endpoint; the client owns it from now on.</param>
/// <param name="time">Stamps <see cref="PhoenixMessage.ReceivedAt"/>.</param>
public class PhoenixStreamClient(WebSocket socket, TimeProvider time) : IAsyncDisposable
{
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private int _ref;

    /// <summary>The underlying socket.</summary>
    public WebSocket Socket { get; } = socket;

    /// <summary>How the server closed the socket; null while it is open.</summary>
    public WebSocketCloseStatus? CloseStatus => Socket.CloseStatus;

    /// <summary>The URL phoenix.js builds from <c>websocket_url</c>: <c>/websocket</c>, the token and <c>vsn=2.0.0</c>.</summary>
    public static Uri SocketUri(string websocketUrl, string token) =>
        new($"{websocketUrl.TrimEnd('/')}/websocket?token={Uri.EscapeDataString(token)}&vsn=2.0.0");

    /// <summary>The next message ref (1, 2, 3, ...), as phoenix.js numbers them.</summary>
    public string NextRef() => Interlocked.Increment(ref _ref).ToString(CultureInfo.InvariantCulture);

    /// <summary>Sends one v2 frame <c>[join_ref, ref, topic, event, payload]</c>.</summary>
    public async Task SendAsync(string? joinRef, string? @ref, string topic, string @event, JsonNode payload, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(new JsonArray(joinRef, @ref, topic, @event, payload).ToJsonString());
        await _sendGate.WaitAsync(ct);
        try
        {
            await Socket.SendAsync(bytes, WebSocketMessageType.Text, true, ct);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Sends <c>phx_join</c> and returns the join ref and the reply payload (<c>{status, response}</c>).</summary>
    public async Task<(string JoinRef, JsonObject Reply)> JoinAsync(string topic, JsonObject? payload, CancellationToken ct)
    {
        var joinRef = NextRef();
        await SendAsync(joinRef, joinRef, topic, "phx_join", payload ?? [], ct);
        while (await ReceiveAsync(ct) is { } message)
        {
            if (message.Event == "phx_reply" && message.Ref == joinRef) return (joinRef, message.PayloadObject);
        }
        throw new WebSocketException("The socket closed before the join reply.");
    }

    /// <summary>The socket-level heartbeat phoenix.js sends every 30 s.</summary>
    public Task HeartbeatAsync(CancellationToken ct) => SendAsync(null, NextRef(), "phoenix", "heartbeat", new JsonObject(), ct);

    /// <summary>The next frame, or null once the server has closed the socket (<see cref="CloseStatus"/> says how).</summary>
    public async Task<PhoenixMessage?> ReceiveAsync(CancellationToken ct)
    {
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await Socket.ReceiveAsync(_buffer, ct);
            }
            catch (WebSocketException) when (Socket.State is WebSocketState.Aborted or WebSocketState.Closed)
            {
                return null;
            }
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (Socket.State == WebSocketState.CloseReceived)
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, ct);
                return null;
            }
            message.Write(_buffer, 0, result.Count);
            if (result.EndOfMessage) return Decode(message.ToArray());
        }
    }

    private PhoenixMessage Decode(byte[] text)
    {
        var frame = JsonNode.Parse(text) as JsonArray ?? throw new FormatException("A server frame is not a JSON array.");
        return new PhoenixMessage(frame[0]?.GetValue<string>(), frame[1]?.GetValue<string>(), frame[2]!.GetValue<string>(),
            frame[3]!.GetValue<string>(), frame[4]?.DeepClone(), time.GetUtcNow());
    }

    /// <summary>Closes the socket politely (bounded to 5 s) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // Already gone or not answering: dropping it is all that is left.
            }
        }
        Socket.Dispose();
        _sendGate.Dispose();
        GC.SuppressFinalize(this);
    }
}
