using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;

namespace FakeRiver.Phoenix;

/// <summary>
/// The single writer of one socket. A WebSocket allows one send at a time, and replies (read loop) and pushes
/// (one pump per joined topic) are produced concurrently, so every outbound frame goes through this queue and one
/// loop sends them in order. A close is queued like a frame: what was queued before it is still sent, nothing after.
/// </summary>
internal sealed class PhoenixOutbox(WebSocket socket, PhoenixVersion version)
{
    private readonly Channel<Outbound> _queue = Channel.CreateUnbounded<Outbound>(new UnboundedChannelOptions { SingleReader = true });
    private int _closeRequested;

    /// <summary>True once a close is queued: later frames are dropped and inbound data is ignored.</summary>
    public bool IsClosing => Volatile.Read(ref _closeRequested) == 1;

    /// <summary>The close status this side sent, once sent.</summary>
    public WebSocketCloseStatus? SentClose { get; private set; }

    public void Enqueue(PhoenixFrame frame)
    {
        if (!IsClosing) _queue.Writer.TryWrite(new Outbound(frame, default, null));
    }

    /// <summary>Queues the close; only the first request counts.</summary>
    public void RequestClose(WebSocketCloseStatus status, string description)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) == 1) return;
        _queue.Writer.TryWrite(new Outbound(null, status, description));
        _queue.Writer.TryComplete();
    }

    /// <summary>Ends the loop once the queue is drained, without a close frame (the peer is gone).</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>
    /// Sends until the queued close (or completion). <paramref name="onClosing"/> runs just before the close frame
    /// goes out, so a grace period set there is already running when the peer sees the close.
    /// Throws what the socket throws when the peer is gone.
    /// </summary>
    public async Task RunAsync(Action onClosing, CancellationToken cancellationToken)
    {
        // One buffer and one writer per socket, reused for every frame: no per-push allocation but the frame record.
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, PhoenixEncoder.WriterOptions);
        await foreach (var item in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            if (item.Frame is { } frame)
            {
                buffer.ResetWrittenCount();
                writer.Reset(buffer);
                PhoenixEncoder.Write(writer, frame, version);
                await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                continue;
            }
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                onClosing();
                await socket.CloseOutputAsync(item.Status, item.Description, cancellationToken);
                SentClose = item.Status;
            }
            return;
        }
    }

    private sealed record Outbound(PhoenixFrame? Frame, WebSocketCloseStatus Status, string? Description);
}
