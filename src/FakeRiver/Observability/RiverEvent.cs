using System.Text.Json.Nodes;

namespace FakeRiver.Observability;

/// <summary>
/// One step of a request's story (accepted, attempt, tokens, status, response, webhook, callback, join, close) as the
/// dashboard and the telemetry see it. <see cref="Json"/> is serialized once, the first time a dashboard asks for
/// it, and then shared by every dashboard client: with no dashboard open, no event is ever serialized (a request
/// publishes about six; tests/Perf/results/profile-accept.md). <see cref="Data"/> is not changed after publishing;
/// the request events (accepted, attempt, tokens, status, response) build it on its first read
/// (<see cref="LazyEventData"/>).
/// </summary>
/// <param name="Id">Increasing per host: the SSE event id a reconnecting dashboard resumes after.</param>
/// <param name="At">When it happened, on FakeRiver's clock.</param>
/// <param name="Kind">One of <see cref="RiverEventKinds"/>.</param>
/// <param name="ChannelId">The request's channel.</param>
/// <param name="Data">What happened, as the dashboard shows it.</param>
public sealed record RiverEvent(long Id, DateTimeOffset At, string Kind, string ChannelId, JsonObject Data)
{
    // One lock for every event's first serialization: only dashboard readers take it, one event at a time.
    private static readonly Lock SerializeGate = new();
    private readonly JsonObject? _data = Data;
    private readonly LazyEventData? _lazy;
    private string? _json;

    /// <summary>An event whose data is built when first read.</summary>
    internal RiverEvent(long id, DateTimeOffset at, string kind, string channelId, LazyEventData lazy)
        : this(id, at, kind, channelId, (JsonObject)null!) => _lazy = lazy;

    /// <summary>What happened, as the dashboard shows it.</summary>
    public JsonObject Data
    {
        get => _data ?? _lazy?.Data!;
        init => _data = value;
    }

    /// <summary>The event serialized once, for every subscriber.</summary>
    public string Json
    {
        get
        {
            if (Volatile.Read(ref _json) is { } json) return json;
            lock (SerializeGate) return _json ??= Data.ToJsonString(WireJson.Options);
        }
    }
}
