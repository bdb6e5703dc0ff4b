using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace FakeRiver.Phoenix;

/// <summary>
/// The single writer of one socket. A WebSocket allows one send at a time, and replies (read loop) and pushes
/// (one pump per joined topic) are produced concurrently, so every outbound frame goes through this queue and one
/// loop sends them in order. The queue is bounded (<see cref="PhoenixOptions.MaxSendQueueBytes"/>,
/// <see cref="PhoenixOptions.MaxSendQueueFrames"/>) and watched (<see cref="PhoenixOptions.SendTimeout"/>: no frame
/// sent for that long while frames wait):
/// a peer that stops reading is <em>abandoned</em> — the unsent frames are dropped (the channel log still holds them,
/// so a reconnect with <c>last_seq</c> replays them), the close goes next, and the close grace starts at once instead
/// of behind frames that may never leave. A graceful close is queued like a frame: what was queued before it is still
/// sent, nothing after.
/// </summary>
internal sealed class PhoenixOutbox : IDisposable
{
    /// <summary>1013 Try Again Later (RFC 6455 registry): the stream is intact, reconnect with a fresh token and last_seq.</summary>
    public const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    // Fixed per-frame overhead counted on top of the payload and strings: brackets, quotes, commas, nulls.
    private const int FrameOverhead = 32;

    private readonly WebSocket _socket;
    private readonly PhoenixVersion _version;
    private readonly PhoenixOptions _options;
    private readonly Action<PhoenixOutbox, string> _onAbandoned;
    private readonly Lock _gate = new();
    private readonly Queue<(PhoenixFrame Frame, int Size)> _frames = new();
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly CancellationTokenSource _deadline;
    private readonly TimeProvider _time;
    private readonly ITimer _sendTimer;
    private bool _sendTimerArmed;

    // When the waiting frames last made progress (a send completed, or frames started waiting), in UTC ticks.
    private long _progressAt;
    private (WebSocketCloseStatus Status, string Description)? _close;
    private TaskCompletionSource? _spaceFreed;
    private bool _completed;
    private bool _graceStarted;
    private long _queuedBytes;
    private int _queuedFrames;

    /// <param name="socket">The accepted WebSocket this outbox writes to.</param>
    /// <param name="version">The serializer the socket speaks.</param>
    /// <param name="options">The socket limits (queue bounds, grace period).</param>
    /// <param name="time">FakeRiver's clock.</param>
    /// <param name="onAbandoned">Told why (outside any lock) when the peer is abandoned; runs at most once.</param>
    public PhoenixOutbox(WebSocket socket, PhoenixVersion version, PhoenixOptions options, TimeProvider time, Action<PhoenixOutbox, string> onAbandoned)
    {
        _socket = socket;
        _version = version;
        _options = options;
        _onAbandoned = onAbandoned;
        _time = time;
        _deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _sendTimer = time.CreateTimer(
            static state => ((PhoenixOutbox)state!).OnSendTimeout(),
            this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True once a close is queued: later frames are dropped and inbound data is ignored.</summary>
    public bool IsClosing
    {
        get { lock (_gate) return _close is not null; }
    }

    /// <summary>Cancelled once the close grace has run out: the socket is then aborted, whatever it was doing.</summary>
    public CancellationToken Deadline => _deadline.Token;

    /// <summary>The close status this side sent, once sent.</summary>
    public WebSocketCloseStatus? SentClose { get; private set; }

    /// <summary>Why the peer was abandoned (queue over limit, send timeout, idle), or null.</summary>
    public string? AbandonReason { get; private set; }

    /// <summary>Most bytes / frames ever queued and not yet sent (the in-flight frame included).</summary>
    public long PeakQueuedBytes { get; private set; }

    public int PeakQueuedFrames { get; private set; }

    /// <summary>Queues a reply or a live push; a frame that does not fit abandons the peer.</summary>
    public void Enqueue(PhoenixFrame frame)
    {
        var size = SizeOf(frame);
        lock (_gate)
        {
            if (_close is not null || _completed) return;
            if (Fits(size, _options.MaxSendQueueFrames, _options.MaxSendQueueBytes))
            {
                Add(frame, size);
                return;
            }
        }
        Abandon(TryAgainLater, "send queue over limit");
    }

    /// <summary>
    /// Queues a replayed event, waiting while the queue is more than half full: a reconnect to a long stream is
    /// paced by the peer's reading instead of overflowing, and replies and live pushes still find room.
    /// </summary>
    public async ValueTask EnqueueReplayAsync(PhoenixFrame frame, CancellationToken cancellationToken)
    {
        var size = SizeOf(frame);
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_close is not null || _completed) return;
                if (_queuedFrames == 0 || Fits(size, _options.MaxSendQueueFrames / 2, _options.MaxSendQueueBytes / 2))
                {
                    if (!Fits(size, _options.MaxSendQueueFrames, _options.MaxSendQueueBytes)) break;
                    Add(frame, size);
                    return;
                }
                _spaceFreed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _spaceFreed.Task;
            }
            await wait.WaitAsync(cancellationToken);
        }
        Abandon(TryAgainLater, "send queue over limit");
    }

    /// <summary>Queues a close after what is already queued; only the first close request counts.</summary>
    public void RequestClose(WebSocketCloseStatus status, string description)
    {
        lock (_gate)
        {
            if (_close is not null) return;
            _close = (status, description);
        }
        _doorbell.Writer.TryWrite(true);
    }

    /// <summary>
    /// Gives up on a peer that is not reading: drops the unsent frames, queues the close next and starts the close
    /// grace now (the in-flight send may never finish). A close already queued is hurried too; it keeps its status
    /// unless frames were dropped, which always makes it 1013.
    /// </summary>
    public void Abandon(WebSocketCloseStatus status, string reason)
    {
        TaskCompletionSource? freed;
        lock (_gate)
        {
            if (AbandonReason is not null || (_completed && _close is null)) return;
            AbandonReason = reason;
            // Frames dropped: whatever close was asked for, tell the client to come back for them (1013).
            if (_frames.Count > 0) _close = (TryAgainLater, reason);
            else _close ??= (status, reason);
            while (_frames.Count > 0)
            {
                var (_, size) = _frames.Dequeue();
                _queuedBytes -= size;
                _queuedFrames--;
            }
            freed = TakeSpaceWaiter();
        }
        freed?.TrySetResult();
        StartGrace();
        _doorbell.Writer.TryWrite(true);
        _onAbandoned(this, reason);
    }

    /// <summary>Ends the loop once the queue is drained, without a close frame (the peer is gone).</summary>
    public void Complete()
    {
        lock (_gate) _completed = true;
        _doorbell.Writer.TryWrite(true);
    }

    /// <summary>
    /// Sends until the queued close (or completion). The close grace starts just before the close frame goes out
    /// (or earlier, when the peer is abandoned). Throws what the socket throws when the peer is gone or the grace ends.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline.Token);
        var token = linked.Token;
        // The doorbell is read without a token (a cancellable read allocates an operation per wait, i.e. per token
        // streamed); cancellation rings it instead, and the loop checks the token after each wake.
        using var wake = token.Register(static doorbell => ((Channel<bool>)doorbell!).Writer.TryWrite(true), _doorbell);
        // One buffer and one writer per socket, reused for every frame: no per-push allocation but the frame record.
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, PhoenixEncoder.WriterOptions);
        while (true)
        {
            PhoenixFrame? frame = null;
            var size = 0;
            (WebSocketCloseStatus Status, string Description)? close = null;
            lock (_gate)
            {
                // Dequeued but still counted until sent: the in-flight frame is part of what the socket holds.
                if (_frames.TryDequeue(out var next)) (frame, size) = next;
                else if (_close is not null) close = _close;
                else if (_completed) return;
            }
            if (frame is not null)
            {
                buffer.ResetWrittenCount();
                writer.Reset(buffer);
                PhoenixEncoder.Write(writer, frame, _version);
                await _socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, token);
                Sent(size);
                continue;
            }
            if (close is { } request)
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    StartGrace();
                    await _socket.CloseOutputAsync(request.Status, request.Description, token);
                    SentClose = request.Status;
                }
                return;
            }
            await _doorbell.Reader.ReadAsync();
            token.ThrowIfCancellationRequested();
        }
    }

    public void Dispose()
    {
        _sendTimer.Dispose();
        _deadline.Dispose();
    }

    /// <summary>The encoded size, counted before encoding: payload, strings (UTF-8) and a fixed overhead.</summary>
    internal static int SizeOf(PhoenixFrame frame) =>
        frame.Payload.Length + FrameOverhead + Encoding.UTF8.GetByteCount(frame.Topic) + Encoding.UTF8.GetByteCount(frame.Event)
        + (frame.JoinRef is null ? 0 : Encoding.UTF8.GetByteCount(frame.JoinRef)) + (frame.Ref is null ? 0 : Encoding.UTF8.GetByteCount(frame.Ref));

    private bool Fits(int size, int maxFrames, long maxBytes) => _queuedFrames + 1 <= maxFrames && _queuedBytes + size <= maxBytes;

    private void Add(PhoenixFrame frame, int size)
    {
        // The send timeout watches progress from when frames start waiting. The timer is not moved per frame (two
        // timer changes per token per socket contended on the runtime's timer queue at 1,000 streams): it stays
        // armed, and when it fires it looks at the last progress and either gives up or re-arms for the rest.
        if (_queuedFrames == 0)
        {
            _progressAt = _time.GetUtcNow().UtcTicks;
            if (!_sendTimerArmed)
            {
                _sendTimerArmed = true;
                _sendTimer.Change(_options.SendTimeout, Timeout.InfiniteTimeSpan);
            }
        }
        _frames.Enqueue((frame, size));
        _queuedFrames++;
        _queuedBytes += size;
        PeakQueuedFrames = Math.Max(PeakQueuedFrames, _queuedFrames);
        PeakQueuedBytes = Math.Max(PeakQueuedBytes, _queuedBytes);
        _doorbell.Writer.TryWrite(true);
    }

    /// <summary>
    /// The in-flight frame went out: it stops counting, and a waiting replay may go on. If it went out a whole
    /// <see cref="PhoenixOptions.SendTimeout"/> after the last progress, the timeout has passed whether or not its
    /// timer has run yet (a timer callback can come late), and the peer is abandoned as the timer would have.
    /// </summary>
    private void Sent(int size)
    {
        TaskCompletionSource? freed;
        bool late;
        lock (_gate)
        {
            var now = _time.GetUtcNow().UtcTicks;
            late = SendTimeLeftLocked(now) <= 0;
            _queuedBytes -= size;
            _queuedFrames--;
            _progressAt = now;
            freed = TakeSpaceWaiter();
        }
        freed?.TrySetResult();
        if (late) Abandon(TryAgainLater, "send timeout");
    }

    /// <summary>No frame went out for a whole <see cref="PhoenixOptions.SendTimeout"/> while some were waiting.</summary>
    private void OnSendTimeout()
    {
        lock (_gate)
        {
            if (_queuedFrames == 0)
            {
                _sendTimerArmed = false;
                return;
            }
            var left = TimeSpan.FromTicks(SendTimeLeftLocked(_time.GetUtcNow().UtcTicks));
            if (left > TimeSpan.Zero)
            {
                // Progress since it was armed: wait out the rest, in whole milliseconds (the system timer's unit, so
                // a timer that fires a fraction early is never re-armed for nothing).
                _sendTimer.Change(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)), Timeout.InfiniteTimeSpan);
                return;
            }
            _sendTimerArmed = false;
        }
        Abandon(TryAgainLater, "send timeout");
    }

    /// <summary>Ticks until a whole send timeout has passed since the last progress (≤ 0: it has).</summary>
    private long SendTimeLeftLocked(long nowTicks) => _progressAt + _options.SendTimeout.Ticks - nowTicks;

    private TaskCompletionSource? TakeSpaceWaiter()
    {
        var waiter = _spaceFreed;
        _spaceFreed = null;
        return waiter;
    }

    private void StartGrace()
    {
        lock (_gate)
        {
            if (_graceStarted) return;
            _graceStarted = true;
        }
        _deadline.CancelAfter(_options.CloseGrace);
    }
}
