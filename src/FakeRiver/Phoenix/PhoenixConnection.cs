using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using FakeRiver.Requests;

namespace FakeRiver.Phoenix;

/// <summary>
/// One accepted socket: reads and reassembles messages, answers heartbeats, joins and leaves, and owns the joins'
/// pumps. Writes go through <see cref="PhoenixOutbox"/> only. Every way the peer can vanish ends here quietly.
/// </summary>
internal sealed class PhoenixConnection(
    WebSocket socket,
    PhoenixVersion version,
    TokenGrant grant,
    string socketId,
    JoinAuthorizer authorizer,
    IChannelFeed feed,
    PhoenixJournal journal,
    PhoenixOptions options,
    TimeProvider time)
{
    private const int ReceiveChunk = 4096;
    private readonly PhoenixOutbox _outbox = new(socket, version, options, time,
        (outbox, reason) => journal.Record(socketId, "abandoned", grant.ChannelId, detail: AbandonDetail(outbox, reason)));

    // Touched by the read loop only (joins, leaves) and by the final clean-up after it: no lock needed.
    private readonly Dictionary<string, PhoenixJoin> _joins = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken aborted)
    {
        journal.Record(socketId, "connected", grant.ChannelId, detail: version.ToString());
        // The read loop ends with the request or once the close grace runs out (the outbox's deadline).
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(aborted, _outbox.Deadline);
        // The idle close is not queued behind frames a stalled peer will never take: it abandons them.
        using var idle = time.CreateTimer(
            static state => ((PhoenixOutbox)state!).Abandon(WebSocketCloseStatus.NormalClosure, "idle timeout"),
            _outbox, options.IdleTimeout, Timeout.InfiniteTimeSpan);

        var writer = RunWriterAsync(lifetime);
        var peerClose = default(WebSocketCloseStatus?);
        try
        {
            peerClose = await ReadLoopAsync(idle, lifetime.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
            // The peer vanished or never acknowledged our close: clean up below.
        }
        finally
        {
            foreach (var join in _joins.Values) await join.StopAsync();
            _joins.Clear();
            // Answer the peer's close (echoing its status) after what is already queued; else just drain.
            if (peerClose is { } status) _outbox.RequestClose(status, string.Empty);
            else _outbox.Complete();
            await writer;
            if (socket.State != WebSocketState.Closed) socket.Abort();
            journal.Record(socketId, "closed", grant.ChannelId, detail: CloseDetail(_outbox.SentClose));
            _outbox.Dispose();
        }
    }

    private static string CloseDetail(WebSocketCloseStatus? sent) => sent switch
    {
        null => "aborted",
        PhoenixOutbox.TryAgainLater => "TryAgainLater",
        { } status => status.ToString(),
    };

    /// <summary>Why, and the send queue's high-water mark (it cannot grow once the peer is abandoned).</summary>
    private static string AbandonDetail(PhoenixOutbox outbox, string reason) =>
        $"{reason}; peak queue {outbox.PeakQueuedBytes} B / {outbox.PeakQueuedFrames} frames";

    private async Task RunWriterAsync(CancellationTokenSource lifetime)
    {
        try
        {
            await _outbox.RunAsync(lifetime.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
            await lifetime.CancelAsync();
        }
    }

    /// <summary>Reads until the peer's close frame; returns its status when the peer started the close.</summary>
    private async Task<WebSocketCloseStatus?> ReadLoopAsync(ITimer idle, CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>(ReceiveChunk);
        while (true)
        {
            message.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(message.GetMemory(ReceiveChunk), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return _outbox.IsClosing ? null : socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure;
                }
                message.Advance(result.Count);
            }
            while (!result.EndOfMessage && message.WrittenCount <= options.MaxFrameBytes);

            idle.Change(options.IdleTimeout, Timeout.InfiniteTimeSpan);
            // After our close only the peer's close matters (the rest of an oversized message lands here too).
            if (_outbox.IsClosing) continue;
            if (message.WrittenCount > options.MaxFrameBytes) Close(WebSocketCloseStatus.MessageTooBig, "frame too large");
            else if (result.MessageType == WebSocketMessageType.Binary) Close(WebSocketCloseStatus.InvalidMessageType, "binary frames are not supported");
            else await HandleFrameAsync(PhoenixDecoder.Decode(message.WrittenSpan, version, options.MaxFrameBytes));
        }
    }

    private async Task HandleFrameAsync(PhoenixDecodeResult decoded)
    {
        if (decoded.Frame is not { } frame)
        {
            if (decoded.Error == PhoenixDecodeError.TooLarge) Close(WebSocketCloseStatus.MessageTooBig, "frame too large");
            else Close(WebSocketCloseStatus.InvalidPayloadData, $"undecodable frame: {decoded.Error}");
            return;
        }

        if (frame.Event == PhoenixEvents.Join)
        {
            await JoinAsync(frame);
            return;
        }
        if (frame.Topic == PhoenixEvents.SocketTopic && frame.Event == PhoenixEvents.Heartbeat)
        {
            Reply(frame, PhoenixPayloads.OkEmpty);
            return;
        }
        if (!_joins.TryGetValue(frame.Topic, out var join))
        {
            Reply(frame, PhoenixPayloads.ErrorReason(JoinReasons.UnmatchedTopic));
            return;
        }
        switch (frame.Event)
        {
            case PhoenixEvents.Leave:
                await LeaveAsync(join, frame);
                break;
            case PhoenixEvents.Heartbeat:
                // The SDK's per-topic heartbeat every 30 s: answered so its push never times out.
                Reply(frame, PhoenixPayloads.OkEmpty);
                break;
            default:
                // ModelRiver's channel takes no other client events; an unknown one is ignored, not fatal.
                break;
        }
    }

    private async Task JoinAsync(PhoenixFrame frame)
    {
        // A second join of a joined topic replaces the first, as in Phoenix: the old join is closed.
        if (_joins.Remove(frame.Topic, out var previous))
        {
            await previous.StopAsync();
            _outbox.Enqueue(previous.CloseFrame());
        }

        var decision = await authorizer.DecideAsync(frame.Topic, grant);
        var subscription = decision.Request is { } known ? await feed.SubscribeAsync(known.ChannelId, ReadLastSeq(frame.Payload), CancellationToken.None) : null;
        if (decision.Request is not { } request || subscription is null)
        {
            var reason = decision.Reason ?? JoinReasons.UnauthorizedProjectAccess;
            journal.Record(socketId, "join_refused", grant.ChannelId, frame.Topic, reason);
            Reply(frame, PhoenixPayloads.ErrorReason(reason));
            return;
        }

        Reply(frame, PhoenixPayloads.OkEmpty);
        var lastSeq = ReadLastSeq(frame.Payload);
        journal.Record(socketId, "joined", request.ChannelId, frame.Topic, $"last_seq={lastSeq}");
        // V1 clients send no join_ref; their join's own ref stands in, so phx_close names the join they made.
        var join = new PhoenixJoin(frame.Topic, frame.JoinRef ?? frame.Ref, subscription, _outbox);
        _joins[frame.Topic] = join;
        join.Start();
    }

    private async Task LeaveAsync(PhoenixJoin join, PhoenixFrame frame)
    {
        _joins.Remove(join.Topic);
        await join.StopAsync();
        Reply(frame, PhoenixPayloads.OkEmpty);
        _outbox.Enqueue(join.CloseFrame());
        journal.Record(socketId, "left", grant.ChannelId, join.Topic);
    }

    private void Reply(PhoenixFrame request, ReadOnlyMemory<byte> payload) =>
        _outbox.Enqueue(new PhoenixFrame(request.JoinRef, request.Ref, request.Topic, PhoenixEvents.Reply, payload));

    private void Close(WebSocketCloseStatus status, string description) => _outbox.RequestClose(status, description);

    /// <summary>The optional <c>last_seq</c> of a join payload: a non-negative integer, else 0 (replay everything).</summary>
    private static long ReadLastSeq(ReadOnlyMemory<byte> payload)
    {
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.TryGetProperty("last_seq", out var value)
            && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt64(out var seq)
            && seq > 0
            ? seq
            : 0;
    }
}
