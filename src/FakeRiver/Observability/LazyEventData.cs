using System.Text.Json.Nodes;

namespace FakeRiver.Observability;

/// <summary>
/// An event's data kept as the few values it is made of until something reads it (a dashboard, the cluster relay,
/// the telemetry when a listener records): a request publishes about six events, and with no dashboard open and no
/// OpenTelemetry listener none is ever read (tests/Perf/results/profile-accept.md). <see cref="Data"/> builds the
/// object that <see cref="RiverEventFeed.Publish"/> would have stamped, key for key and in the same order; every
/// reader, on any thread, gets that one instance.
/// </summary>
internal abstract class LazyEventData
{
    private long _id;
    private DateTimeOffset _at;
    private string _kind = "";
    private string _channelId = "";
    private JsonObject? _data;

    /// <summary>The event's data, built on the first read.</summary>
    public JsonObject Data => Volatile.Read(ref _data) ?? Build();

    /// <summary>
    /// The stamp the feed gives the event, set under the feed's lock before the event is visible to anyone (the
    /// lock and the queues that hand the event on publish these fields with it).
    /// </summary>
    internal void Assign(long id, DateTimeOffset at, string kind, string channelId)
    {
        _id = id;
        _at = at;
        _kind = kind;
        _channelId = channelId;
    }

    /// <summary>The event's own fields, in the order the eager object had them, before the stamp; a new object per call.</summary>
    protected abstract JsonObject Fields();

    private JsonObject Build()
    {
        var data = Fields();
        RiverEventFeed.Stamp(data, _id, _kind, _channelId, _at);
        // Two first readers may both build; the first one published wins and the other's copy is dropped.
        return Interlocked.CompareExchange(ref _data, data, null) ?? data;
    }
}
