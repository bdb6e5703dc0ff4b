using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FakeRiver.Observability;

/// <summary>
/// The request story as OpenTelemetry sees it: one trace per request (a <c>fakeriver.request</c> span from accept to
/// the final response, child of the HTTP span that accepted it) with child spans for each provider attempt, webhook
/// attempt and callback; counters for requests, tokens, failovers and webhook retries. Built from the event feed, so
/// spans carry the times the feed recorded (virtual time in scenario runs). Without an OpenTelemetry listener the
/// source creates nothing and the counters cost an interlocked add.
/// </summary>
public sealed class RiverTelemetry : IRiverEventListener, IDisposable
{
    /// <summary>The ActivitySource name of FakeRiver's traces.</summary>
    public const string SourceName = "FakeRiver";
    /// <summary>The Meter name of FakeRiver's counters.</summary>
    public const string MeterName = "FakeRiver";

    /// <summary>Open request spans and finished requests' contexts kept for late webhook attempts; oldest evicted beyond this.</summary>
    public const int MaxTrackedRequests = 10_000;

    private readonly ActivitySource _source = new(SourceName);
    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _failovers;
    private readonly Counter<long> _webhookRetries;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Activity? Open, ActivityContext Context)> _requestsByChannel = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private int _openSpans;

    /// <summary>Creates the source and the counters.</summary>
    public RiverTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _requests = _meter.CreateCounter<long>("fakeriver.requests", "{request}", "Async requests accepted");
        _tokens = _meter.CreateCounter<long>("fakeriver.tokens", "{token}", "Token deltas streamed to channels");
        _failovers = _meter.CreateCounter<long>("fakeriver.failovers", "{failover}", "Moves to the next provider after a failed attempt");
        _webhookRetries = _meter.CreateCounter<long>("fakeriver.webhook.retries", "{attempt}", "Webhook attempts after the first");
    }

    /// <summary>Counts streamed tokens of a request.</summary>
    public void OnTokens(string channelId, int count) => _tokens.Add(count);

    /// <summary>Turns a feed event into spans and counter increments.</summary>
    public void OnEvent(RiverEvent evt)
    {
        if (!Recording) return;
        switch (evt.Kind)
        {
            case RiverEventKinds.Accepted:
                _requests.Add(1, new KeyValuePair<string, object?>("workflow", evt.Data["workflow"]?.ToString()));
                StartRequest(evt);
                break;
            case RiverEventKinds.Attempt:
                var success = evt.Data["success"]?.GetValue<bool>() == true;
                Child(evt, "fakeriver.attempt", Milliseconds(evt, "duration_ms"), !success, [
                    new("fakeriver.attempt", evt.Data["attempt"]?.GetValue<int>()),
                    new("gen_ai.system", evt.Data["provider"]?.ToString()),
                    new("gen_ai.request.model", evt.Data["model"]?.ToString()),
                    new("fakeriver.failure_reason", evt.Data["reason"]?.ToString()),
                    new("fakeriver.retry_after_ms", evt.Data["retry_after_ms"]?.GetValue<long>()),
                ]);
                break;
            case RiverEventKinds.Status when evt.Data["status"]?.ToString() == "failover":
                _failovers.Add(1);
                break;
            case RiverEventKinds.Webhook:
                var attempt = evt.Data["attempt"]?.GetValue<int>() ?? 1;
                if (attempt > 1) _webhookRetries.Add(1);
                Child(evt, "fakeriver.webhook", Milliseconds(evt, "duration_ms"), evt.Data["succeeded"]?.GetValue<bool>() != true, [
                    new("url.full", evt.Data["url"]?.ToString()),
                    new("http.response.status_code", evt.Data["status_code"]?.GetValue<int>()),
                    new("fakeriver.webhook.attempt", attempt),
                    new("fakeriver.webhook.type", evt.Data["type"]?.ToString()),
                ]);
                break;
            case RiverEventKinds.Callback:
                var status = evt.Data["status_code"]?.GetValue<int>() ?? 0;
                Child(evt, "fakeriver.callback", TimeSpan.Zero, status >= 400, [new("http.response.status_code", status)]);
                break;
            case RiverEventKinds.Response when evt.Data["final"]?.GetValue<bool>() == true:
                EndRequest(evt);
                break;
        }
    }

    /// <summary>
    /// False when nothing would record what an event says: no activity listener (every span would be null), no meter
    /// listener on the counters OnEvent adds to (every add a no-op) and no request span open to end. The event's data
    /// is then not read at all: the request events build it only when read (Observability/LazyEventData.cs).
    /// </summary>
    private bool Recording =>
        _source.HasListeners() || _requests.Enabled || _failovers.Enabled || _webhookRetries.Enabled
        || Volatile.Read(ref _openSpans) > 0;

    private void StartRequest(RiverEvent evt)
    {
        // Parent: the HTTP span that accepted the request (Activity.Current on the accepting thread) when it is
        // recorded; an unrecorded one (ASP.NET Core's own, without its instrumentation) would make the sampler drop
        // the whole request trace, so then the request span starts a trace of its own.
        var previous = Activity.Current;
        if (previous is { Recorded: false }) Activity.Current = null;
        var activity = _source.StartActivity("fakeriver.request", ActivityKind.Internal, parentContext: default,
            tags: [
                new("fakeriver.channel_id", evt.ChannelId),
                new("fakeriver.project_id", evt.Data["project_id"]?.ToString()),
                new("fakeriver.workflow", evt.Data["workflow"]?.ToString()),
            ], startTime: evt.At);
        // The span lives on after this call returns; it must not become the ambient parent of the HTTP response.
        Activity.Current = previous;
        if (activity is null) return;
        lock (_gate)
        {
            if (_requestsByChannel.TryGetValue(evt.ChannelId, out var replaced) && replaced.Open is not null) Interlocked.Decrement(ref _openSpans);
            _requestsByChannel[evt.ChannelId] = (activity, activity.Context);
            Interlocked.Increment(ref _openSpans);
            _order.Enqueue(evt.ChannelId);
            while (_order.Count > MaxTrackedRequests && _order.TryDequeue(out var oldest))
            {
                if (!_requestsByChannel.Remove(oldest, out var evicted) || evicted.Open is null) continue;
                Interlocked.Decrement(ref _openSpans);
                evicted.Open.Stop();
            }
        }
    }

    private void EndRequest(RiverEvent evt)
    {
        Activity? open;
        lock (_gate)
        {
            if (!_requestsByChannel.TryGetValue(evt.ChannelId, out var entry) || entry.Open is null) return;
            open = entry.Open;
            _requestsByChannel[evt.ChannelId] = (null, entry.Context);
            Interlocked.Decrement(ref _openSpans);
        }
        var previous = Activity.Current;
        open.SetTag("fakeriver.status", evt.Data["status"]?.ToString());
        open.SetTag("fakeriver.token_count", evt.Data["token_count"]?.GetValue<long>());
        if (evt.Data["status"]?.ToString() == "error") open.SetStatus(ActivityStatusCode.Error, evt.Data["error"]?["code"]?.ToString());
        open.SetEndTime(evt.At.UtcDateTime);
        open.Stop();
        Activity.Current = previous;
    }

    private void Child(RiverEvent evt, string name, TimeSpan duration, bool failed, KeyValuePair<string, object?>[] tags)
    {
        ActivityContext parent;
        lock (_gate)
        {
            if (!_requestsByChannel.TryGetValue(evt.ChannelId, out var entry)) return;
            parent = entry.Context;
        }
        var previous = Activity.Current;
        using var activity = _source.StartActivity(name, ActivityKind.Internal, parent, tags, startTime: evt.At - duration);
        if (activity is not null)
        {
            if (failed) activity.SetStatus(ActivityStatusCode.Error);
            activity.SetEndTime(evt.At.UtcDateTime);
            activity.Stop();
        }
        Activity.Current = previous;
    }

    private static TimeSpan Milliseconds(RiverEvent evt, string field) =>
        evt.Data[field] is { } value
            ? TimeSpan.FromMilliseconds(double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture))
            : TimeSpan.Zero;

    /// <summary>Releases the activity source and the meter.</summary>
    public void Dispose()
    {
        _source.Dispose();
        _meter.Dispose();
    }
}
