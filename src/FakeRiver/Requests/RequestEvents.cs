using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.Observability;

namespace FakeRiver.Requests;

/// <summary>Publishes what happens to one request (accepted, attempts, its channel's events) to the feed.</summary>
internal static class RequestEvents
{
    /// <summary>How often, at most, the feed hears about a stream's progress: counts and rates, not every token.</summary>
    public static readonly TimeSpan TokenSampleInterval = TimeSpan.FromMilliseconds(100);

    public static void Accepted(this RiverEventFeed feed, RiverRequest request) =>
        feed.Publish(RiverEventKinds.Accepted, request.ChannelId, new JsonObject
        {
            ["project_id"] = request.ProjectId,
            ["workflow"] = request.Workflow.Name,
            ["event_name"] = request.EventName,
            ["webhook_url"] = request.WebhookUrl,
            ["state"] = State(request),
        });

    public static void Attempt(this RiverEventFeed feed, RiverRequest request, int attempt, string provider, string model,
        bool success, long durationMs, string? reason, TimeSpan? retryAfter) =>
        feed.Publish(RiverEventKinds.Attempt, request.ChannelId, new JsonObject
        {
            ["attempt"] = attempt,
            ["provider"] = provider,
            ["model"] = model,
            ["success"] = success,
            ["duration_ms"] = durationMs,
            ["reason"] = reason,
            ["retry_after_ms"] = retryAfter is { } wait ? (long)wait.TotalMilliseconds : null,
            ["tokens_so_far"] = request.Log.LastSeq,
            ["state"] = State(request),
        });

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
                    var status = RiverEventFeed.ParsePayload(evt.PayloadUtf8);
                    status["state"] = State(request);
                    feed.Publish(RiverEventKinds.Status, request.ChannelId, status);
                    break;
                case ChannelEvent.Response:
                    if (_count > _published) Sample(feed.Time.GetUtcNow());
                    // Only three fields of the payload are wanted: read them from a pooled document instead of
                    // building the whole payload (data, customer_data, meta) as a tree.
                    using (var payload = JsonDocument.Parse(evt.PayloadUtf8))
                    {
                        var root = payload.RootElement;
                        feed.Publish(RiverEventKinds.Response, request.ChannelId, new JsonObject
                        {
                            ["status"] = Field(root, "status"),
                            ["final"] = evt.IsFinal,
                            ["duration_ms"] = (long)(feed.Time.GetUtcNow() - request.CreatedAt).TotalMilliseconds,
                            ["token_count"] = _count,
                            ["provider"] = root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object ? Field(meta, "provider") : null,
                            ["error"] = Field(root, "error"),
                            ["state"] = State(request),
                        });
                    }
                    break;
            }
        }

        private static JsonNode? Field(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var value) ? Node(value) : null;

        /// <summary>
        /// A payload value as its own, fully built node (the document goes back to the pool): the event's data is
        /// read by telemetry and serialized by dashboards on other threads, so nothing in it may be left to a parsed node's
        /// own lazy, unlocked materialization (a tokens sample builds its data once, thread-safely: Observability/TokenSample.cs).
        /// </summary>
        private static JsonNode? Node(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    return JsonValue.Create(value.GetString());
                case JsonValueKind.Object:
                    var obj = new JsonObject();
                    foreach (var property in value.EnumerateObject()) obj[property.Name] = Node(property.Value);
                    return obj;
                case JsonValueKind.Array:
                    var array = new JsonArray();
                    foreach (var item in value.EnumerateArray()) array.Add(Node(item));
                    return array;
                case JsonValueKind.Null or JsonValueKind.Undefined:
                    return null;
                default:
                    // Numbers and booleans: a node over a copy of their own text, as DeepClone of a parsed node gave.
                    return JsonNode.Parse(value.GetRawText());
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
