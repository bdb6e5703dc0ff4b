using FakeRiver.Observability;

namespace FakeRiver.Requests;

/// <summary>Publishes what happens to one request (accepted, attempts, its channel's events) to the feed.</summary>
internal static class RequestEvents
{
    /// <summary>How often, at most, the feed hears about a stream's progress: counts and rates, not every token.</summary>
    public static readonly TimeSpan TokenSampleInterval = TimeSpan.FromMilliseconds(100);

    public static void Accepted(this RiverEventFeed feed, RiverRequest request) =>
        feed.PublishLazy(RiverEventKinds.Accepted, request.ChannelId, new AcceptedEventData(
            request.ProjectId, request.Workflow.Name, request.EventName, request.WebhookUrl, State(request)));

    public static void Attempt(this RiverEventFeed feed, RiverRequest request, int attempt, string provider, string model,
        bool success, long durationMs, string? reason, TimeSpan? retryAfter) =>
        feed.PublishLazy(RiverEventKinds.Attempt, request.ChannelId, new AttemptEventData(attempt, provider, model,
            success, durationMs, reason, retryAfter is { } wait ? (long)wait.TotalMilliseconds : null,
            request.Log.LastSeq, State(request)));

    /// <summary>
    /// The observer a request's channel log calls for each event it pushes: status and response events go to the
    /// feed as they are; tokens are counted exactly and published as samples (first token, then at most every
    /// <see cref="TokenSampleInterval"/>, and the last count before the response). The log calls it under its own
    /// lock, one event at a time, so the sampler's fields need no lock of their own.
    /// </summary>
    public static Action<ChannelEvent> ObserverFor(this RiverEventFeed feed, RiverRequest request)
    {
        var sampler = new TokenSampler(feed, request);
        return sampler.Observe;
    }

    // Every state's snake_case name, made once: each feed event names the request's state.
    private static readonly string[] StateNames = [.. Enum.GetValues<RequestState>().Select(s => RiverEventFeed.SnakeCase(s.ToString()))];

    internal static string State(RiverRequest request) => StateNames[(int)request.State];

    private sealed class TokenSampler(RiverEventFeed feed, RiverRequest request)
    {
        private DateTimeOffset? _firstAt;
        private DateTimeOffset _lastSampleAt;
        private long _count;
        private long _published;

        public void Observe(ChannelEvent evt)
        {
            switch (evt.Event)
            {
                case ChannelEvent.Tokens:
                    _count = evt.Seq;
                    feed.CountTokens(request.ChannelId, 1);
                    var now = feed.Time.GetUtcNow();
                    _firstAt ??= now;
                    if (_published == 0 || now - _lastSampleAt >= TokenSampleInterval) Sample(now);
                    break;
                case ChannelEvent.Status:
                    feed.PublishLazy(RiverEventKinds.Status, request.ChannelId, new StatusEventData(evt.PayloadUtf8, State(request)));
                    break;
                case ChannelEvent.Response:
                    if (_count > _published) Sample(feed.Time.GetUtcNow());
                    var durationMs = (long)(feed.Time.GetUtcNow() - request.CreatedAt).TotalMilliseconds;
                    feed.PublishLazy(RiverEventKinds.Response, request.ChannelId,
                        ResponseEventData.Read(evt.PayloadUtf8, evt.IsFinal, durationMs, _count, State(request)));
                    break;
            }
        }

        private void Sample(DateTimeOffset now)
        {
            _lastSampleAt = now;
            _published = _count;
            var elapsed = now - _firstAt!.Value;
            // Tokens per second since the first token; undefined (null) until time has passed.
            double? rate = elapsed > TimeSpan.Zero ? Math.Round((_count - 1) / elapsed.TotalSeconds, 1) : null;
            feed.PublishTokens(request.ChannelId, _count, (long)elapsed.TotalMilliseconds, rate);
        }
    }
}
