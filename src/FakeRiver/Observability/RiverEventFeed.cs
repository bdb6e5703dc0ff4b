using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace FakeRiver.Observability;

/// <summary>
/// The bounded stream of request events the journals' writers publish to (request registry, failover router,
/// channel logs, webhook dispatcher, callback and socket journals). It keeps the last <see cref="Capacity"/> events
/// for dashboards that open later, fans live events out to at most <see cref="MaxSubscribers"/> dashboard clients
/// through bounded queues, and hands every event to the <see cref="IRiverEventListener"/>s (telemetry).
/// Publishing never blocks and never waits for a reader. Thread-safe.
/// </summary>
public sealed class RiverEventFeed(TimeProvider time, IEnumerable<IRiverEventListener> listeners)
{
    /// <summary>Events retained for late dashboards; older ones are dropped first.</summary>
    public const int Capacity = 10_000;

    /// <summary>Live events queued per dashboard client before its oldest are dropped.</summary>
    public const int SubscriberQueue = 1_000;

    /// <summary>Dashboard clients served at once; more are refused (503), so a leak of tabs cannot grow memory.</summary>
    public const int MaxSubscribers = 32;

    private readonly Lock _gate = new();
    private readonly Queue<RiverEvent> _retained = new();
    private readonly List<Channel<RiverEvent>> _subscribers = [];
    private readonly IRiverEventListener[] _listeners = [.. listeners];
    private long _nextId;

    /// <summary>The clock events are stamped with.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Publishes an event now; <paramref name="data"/> is owned by the feed from here on.</summary>
    public RiverEvent Publish(string kind, string channelId, JsonObject data)
    {
        RiverEvent evt;
        lock (_gate) evt = RetainLocked(kind, channelId, Time.GetUtcNow(), data);
        foreach (var listener in _listeners) listener.OnEvent(evt);
        return evt;
    }

    /// <summary>
    /// Publishes a stream's <c>tokens</c> sample now: the event <see cref="Publish"/> would make of
    /// <c>{count, elapsed_ms, rate}</c>, with its data built only when something reads it (<see cref="TokenSample"/>).
    /// </summary>
    internal RiverEvent PublishTokens(string channelId, long count, long elapsedMs, double? rate) =>
        PublishLazy(RiverEventKinds.Tokens, channelId, new TokenSample(count, elapsedMs, rate));

    /// <summary>
    /// Publishes an event now whose data is built when first read (<see cref="LazyEventData"/>): the event
    /// <see cref="Publish"/> would make of the object <paramref name="data"/> builds. <paramref name="data"/> is owned
    /// by the feed from here on.
    /// </summary>
    internal RiverEvent PublishLazy(string kind, string channelId, LazyEventData data)
    {
        RiverEvent evt;
        lock (_gate)
        {
            var id = ++_nextId;
            var at = Time.GetUtcNow();
            data.Assign(id, at, kind, channelId);
            evt = new RiverEvent(id, at, kind, channelId, data);
            RetainLocked(evt);
        }
        foreach (var listener in _listeners) listener.OnEvent(evt);
        return evt;
    }

    /// <summary>
    /// Cluster mode: an event another node published (docs/ARCHITECTURE.md 2.1), retained and sent to this node's
    /// subscribers under this node's next id, so ids stay one increasing sequence per node for <c>Last-Event-ID</c>.
    /// The listeners (this node's telemetry) do not see it: the node it happened on counts it.
    /// </summary>
    public RiverEvent Adopt(string kind, string channelId, DateTimeOffset at, JsonObject data)
    {
        lock (_gate) return RetainLocked(kind, channelId, at, data);
    }

    /// <summary>Stamps <paramref name="data"/> with this node's next id, retains it (bounded) and hands it to every subscriber.</summary>
    private RiverEvent RetainLocked(string kind, string channelId, DateTimeOffset at, JsonObject data)
    {
        var id = ++_nextId;
        Stamp(data, id, kind, channelId, at);
        var evt = new RiverEvent(id, at, kind, channelId, data);
        RetainLocked(evt);
        return evt;
    }

    /// <summary>Retains <paramref name="evt"/> (bounded) and hands it to every subscriber.</summary>
    private void RetainLocked(RiverEvent evt)
    {
        _retained.Enqueue(evt);
        if (_retained.Count > Capacity) _retained.Dequeue();
        foreach (var subscriber in _subscribers) subscriber.Writer.TryWrite(evt);
    }

    /// <summary>Adds the fields every event's data carries, after its own.</summary>
    internal static void Stamp(JsonObject data, long id, string kind, string channelId, DateTimeOffset at)
    {
        data["id"] = id;
        data["kind"] = kind;
        data["channel_id"] = channelId;
        data["at"] = at.ToString("O");
    }

    /// <summary>Counts appended tokens exactly for the listeners (the published token events are sampled).</summary>
    public void CountTokens(string channelId, int count)
    {
        if (count <= 0) return;
        foreach (var listener in _listeners) listener.OnTokens(channelId, count);
    }

    /// <summary>The retained events after <paramref name="afterId"/>, then live ones; null when too many clients listen.</summary>
    public RiverEventSubscription? Subscribe(long afterId)
    {
        lock (_gate)
        {
            if (_subscribers.Count >= MaxSubscribers) return null;
            var channel = Channel.CreateBounded<RiverEvent>(new BoundedChannelOptions(SubscriberQueue)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
            });
            _subscribers.Add(channel);
            return new RiverEventSubscription([.. _retained.Where(e => e.Id > afterId)], channel.Reader, () => Unsubscribe(channel));
        }
    }

    /// <summary>The retained events of one channel, oldest first.</summary>
    public IReadOnlyList<RiverEvent> ForChannel(string channelId)
    {
        lock (_gate) return [.. _retained.Where(e => e.ChannelId == channelId)];
    }

    /// <summary>Every retained event, oldest first.</summary>
    public IReadOnlyList<RiverEvent> All()
    {
        lock (_gate) return [.. _retained];
    }

    /// <summary>Forgets retained events (admin reset); live subscribers stay connected.</summary>
    public void Clear()
    {
        lock (_gate) _retained.Clear();
    }

    /// <summary>Forgets the retained events of these channels (a project's reset).</summary>
    public void RemoveChannels(IReadOnlySet<string> channelIds)
    {
        lock (_gate)
        {
            var kept = _retained.Where(e => !channelIds.Contains(e.ChannelId)).ToList();
            _retained.Clear();
            foreach (var evt in kept) _retained.Enqueue(evt);
        }
    }

    /// <summary>How many live subscriptions (dashboard streams) are open.</summary>
    public int SubscriberCount
    {
        get { lock (_gate) return _subscribers.Count; }
    }

    private void Unsubscribe(Channel<RiverEvent> channel)
    {
        lock (_gate) _subscribers.Remove(channel);
        channel.Writer.TryComplete();
    }

    /// <summary>Parses a serialized channel payload for an event's data (status and response events are rare).</summary>
    internal static JsonObject ParsePayload(ReadOnlyMemory<byte> utf8) =>
        JsonNode.Parse(utf8.Span) as JsonObject ?? [];

    internal static string SnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
