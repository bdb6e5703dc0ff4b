using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace FakeRiver.Requests;

/// <summary>
/// The event log of one request's channel: every token delta (numbered by <c>seq</c>), status changes and the
/// latest <c>response</c>. Live subscribers get each event as it is appended; late joiners and reconnecting
/// clients get the buffered tokens after their <c>last_seq</c> and the latest response first (docs/ARCHITECTURE.md 3.4).
/// Thread-safe.
/// </summary>
internal sealed class ChannelLog(string channelId)
{
    private readonly Lock _gate = new();
    private readonly List<ChannelEvent> _tokens = [];
    private readonly List<ChannelEvent> _statuses = [];
    private readonly List<Channel<ChannelEvent>> _subscribers = [];
    private readonly StringBuilder _text = new();
    // _text as a string, made on the first read after it changed: the committed text is read three or four times
    // as a request ends (failover, run meta, canonical completion, admin), each once a copy of the whole text.
    private string? _committedText;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ChannelEvent? _latestResponse;
    private ChannelEvent? _latestStatus;
    private Action? _onFinal;

    public string ChannelId { get; } = channelId;

    /// <summary>Cluster mode: copies every event, in order, to the channel's shared stream (docs/ARCHITECTURE.md 2.1).</summary>
    public IChannelMirror? Mirror { get; set; }

    /// <summary>
    /// Sees every event as it is pushed, under the log's lock (the dashboard feed and telemetry: see
    /// Observability/RequestEvents.cs). Set once, before the request is registered.
    /// </summary>
    public Action<ChannelEvent>? Observer { get; set; }

    /// <summary>True once the final response is in the log; nothing is appended after it.</summary>
    public bool IsFinal { get; private set; }

    /// <summary>Completes when the final response is published: a signal to wait on instead of polling.</summary>
    public Task Finished => _finished.Task;

    /// <summary>The concatenation of every delta so far: the committed text a failover continues from.</summary>
    public string CommittedText
    {
        get { lock (_gate) return _committedText ??= _text.ToString(); }
    }

    public long LastSeq
    {
        get { lock (_gate) return _tokens.Count; }
    }

    /// <summary>Appends a token delta as the next <c>seq</c> (1-based) and pushes it to live subscribers.</summary>
    public ChannelEvent AppendToken(string delta, int attempt, string provider, string model)
    {
        lock (_gate)
        {
            ThrowIfFinal();
            var seq = _tokens.Count + 1L;
            var evt = new ChannelEvent(ChannelEvent.Tokens, seq, TokenPayload.Serialize(ChannelId, seq, delta, attempt, provider, model), false);
            _tokens.Add(evt);
            _text.Append(delta);
            _committedText = null;
            Broadcast(evt);
            return evt;
        }
    }

    /// <summary>
    /// Cluster take-over: puts back the tokens and statuses another node committed (read from the channel's shared
    /// stream), so the request continues from that text with the next <c>seq</c>. Nothing is pushed or mirrored:
    /// every socket has these already or replays them. Only before anything else is appended.
    /// </summary>
    public void Restore(IEnumerable<ChannelEvent> committed)
    {
        lock (_gate)
        {
            if (_tokens.Count > 0 || _statuses.Count > 0 || _latestResponse is not null)
                throw new InvalidOperationException($"Channel {ChannelId} already has events.");
            foreach (var evt in committed)
            {
                if (evt.Event == ChannelEvent.Tokens)
                {
                    using var payload = JsonDocument.Parse(evt.PayloadUtf8);
                    _tokens.Add(evt);
                    _text.Append(payload.RootElement.GetProperty("delta").GetString());
                    _committedText = null;
                }
                else if (evt.Event == ChannelEvent.Status)
                {
                    _statuses.Add(evt);
                    _latestStatus = evt;
                }
            }
        }
    }

    /// <summary>Pushes a <c>status</c> event; the latest one is replayed to a socket that joins while the request runs.</summary>
    public void PublishStatus(JsonObject payload) => PublishStatus(Serialize(payload));

    /// <summary>As <see cref="PublishStatus(JsonObject)"/>, with the payload already written as compact UTF-8 JSON.</summary>
    public void PublishStatus(byte[] payloadUtf8)
    {
        lock (_gate)
        {
            if (IsFinal) return;
            var evt = new ChannelEvent(ChannelEvent.Status, 0, payloadUtf8, false);
            _statuses.Add(evt);
            _latestStatus = evt;
            Broadcast(evt);
        }
    }

    /// <summary>Pushes a <c>response</c> event; a final one completes every subscription after delivery.</summary>
    public ChannelEvent PublishResponse(JsonObject payload, bool isFinal) => PublishResponse(Serialize(payload), isFinal);

    /// <summary>As <see cref="PublishResponse(JsonObject, bool)"/>, with the payload already written as compact UTF-8 JSON.</summary>
    public ChannelEvent PublishResponse(byte[] payloadUtf8, bool isFinal)
    {
        ChannelEvent evt;
        Action? onFinal = null;
        lock (_gate)
        {
            ThrowIfFinal();
            evt = new ChannelEvent(ChannelEvent.Response, 0, payloadUtf8, isFinal);
            _latestResponse = evt;
            Broadcast(evt);
            if (isFinal)
            {
                IsFinal = true;
                foreach (var subscriber in _subscribers) subscriber.Writer.TryComplete();
                _subscribers.Clear();
                _finished.TrySetResult();
                (onFinal, _onFinal) = (_onFinal, null);
            }
        }
        // Outside the lock: the registry takes its own lock to note the request as finished.
        onFinal?.Invoke();
        return evt;
    }

    /// <summary>
    /// Runs <paramref name="callback"/> synchronously once the final response is published (at once if it already
    /// is): the request registry starts a finished request's retention clock here.
    /// </summary>
    public void OnFinal(Action callback)
    {
        lock (_gate)
        {
            if (!IsFinal)
            {
                _onFinal += callback;
                return;
            }
        }
        callback();
    }

    /// <summary>
    /// Subscribes a socket: the replay holds the latest status (until final), the tokens after
    /// <paramref name="afterSeq"/> and the latest response;
    /// the live reader gets everything appended from now on (already completed when the log is final).
    /// </summary>
    /// <param name="afterSeq">The last <c>seq</c> the subscriber has.</param>
    /// <param name="readerRunsInline">
    /// The live reader's continuation runs on the appending thread, under this log's lock, instead of being queued
    /// to the thread pool: one hop less per token per socket. Only for a reader that just hands events on and never
    /// calls back into the log (a socket's pump: <see cref="IChannelFeed"/>); not for code that waits on it.
    /// </param>
    public ChannelSubscription Subscribe(long afterSeq, bool readerRunsInline = false)
    {
        lock (_gate)
        {
            var replay = new List<ChannelEvent>();
            // The current status first, while the request runs: a client that joins a moment after "processing" went
            // out sees the same thing as one that joined a moment before (and a UI can show progress).
            if (!IsFinal && _latestStatus is not null) replay.Add(_latestStatus);
            var from = (int)Math.Clamp(afterSeq, 0, _tokens.Count);
            for (var i = from; i < _tokens.Count; i++) replay.Add(_tokens[i]);
            if (_latestResponse is not null) replay.Add(_latestResponse);

            var channel = Channel.CreateUnbounded<ChannelEvent>(new UnboundedChannelOptions
            {
                SingleReader = true,
                AllowSynchronousContinuations = readerRunsInline,
            });
            if (IsFinal)
            {
                channel.Writer.TryComplete();
                return new ChannelSubscription(replay, channel.Reader, static () => { });
            }
            _subscribers.Add(channel);
            return new ChannelSubscription(replay, channel.Reader, () => Unsubscribe(channel));
        }
    }

    /// <summary>A copy of every token event so far, in <c>seq</c> order (for the admin API and tests).</summary>
    public IReadOnlyList<ChannelEvent> TokenEvents()
    {
        lock (_gate) return [.. _tokens];
    }

    /// <summary>A copy of every status event so far (for the admin API, transcripts and tests).</summary>
    public IReadOnlyList<ChannelEvent> StatusEvents()
    {
        lock (_gate) return [.. _statuses];
    }

    public ChannelEvent? LatestResponse
    {
        get { lock (_gate) return _latestResponse; }
    }

    private void Unsubscribe(Channel<ChannelEvent> channel)
    {
        lock (_gate)
        {
            _subscribers.Remove(channel);
            channel.Writer.TryComplete();
        }
    }

    private void Broadcast(ChannelEvent evt)
    {
        Mirror?.Append(evt);
        Observer?.Invoke(evt);
        foreach (var subscriber in _subscribers) subscriber.Writer.TryWrite(evt);
    }

    private void ThrowIfFinal()
    {
        if (IsFinal) throw new InvalidOperationException($"Channel {ChannelId} already has its final response.");
    }

    private static byte[] Serialize(JsonObject payload) => JsonSerializer.SerializeToUtf8Bytes(payload, WireJson.Options);
}
