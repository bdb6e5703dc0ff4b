using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver;
using FakeRiver.Observability;
using FakeRiver.Requests;
using FakeRiver.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace Contract.Observability;

/// <summary>
/// The request events (accepted, attempt, status, response) build their data on first read
/// (src/FakeRiver/Observability/LazyEventData.cs). What any reader sees — the dashboard's JSON, the data's keys,
/// their order and their node types (telemetry reads them with GetValue) — must be exactly what the eager
/// objects the feed used to stamp gave; <see cref="Eager"/> is that construction, kept here as the reference.
/// </summary>
public sealed class LazyRequestEventTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, 123, TimeSpan.Zero);

    private static (RiverEventFeed Feed, FakeTimeProvider Time, RiverRequest Request) NewRequest(string? eventName = "new_chat", string? webhookUrl = "http://backend.test/hook?x=\"1\"")
    {
        var time = new FakeTimeProvider(Start);
        var feed = new RiverEventFeed(time, []);
        var workflow = new WorkflowDefinition { Name = "wf-é\u2028", Providers = [] };
        var request = new RiverRequest("ch-1", "proj-1", workflow, time.GetUtcNow())
        {
            PublicBaseUri = new Uri("http://localhost/"),
            EventName = eventName,
            WebhookUrl = webhookUrl,
        };
        request.Log.Observer = feed.ObserverFor(request);
        return (feed, time, request);
    }

    [Theory]
    [InlineData("new_chat", "http://backend.test/hook?x=\"1\"")]
    [InlineData(null, null)]
    public void Accepted_AnyRequest_EqualsTheEagerEvent(string? eventName, string? webhookUrl)
    {
        var (feed, _, request) = NewRequest(eventName, webhookUrl);

        feed.Accepted(request);

        var evt = Assert.Single(feed.All());
        AssertSame(Eager.Accepted(request, evt), evt);
    }

    [Theory]
    [InlineData(true, null, null)]
    [InlineData(false, "rate_limited", 30_000.7)]
    [InlineData(false, "timeout \"quoted\"", 0.0)]
    public void Attempt_AnyOutcome_EqualsTheEagerEvent(bool success, string? reason, double? retryAfterMs)
    {
        var (feed, _, request) = NewRequest();
        request.Log.AppendToken("Hi", 1, "openai", "gpt-4o-mini");
        var retryAfter = retryAfterMs is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;

        feed.Attempt(request, 2, "openai", "gpt-4o-mini", success, 1234, reason, retryAfter);

        var evt = feed.All()[^1];
        AssertSame(Eager.Attempt(request, evt, 2, "openai", "gpt-4o-mini", success, 1234, reason, retryAfter), evt);
        Assert.Equal(2, evt.Data["attempt"]!.GetValue<int>());
        Assert.Equal(1, evt.Data["tokens_so_far"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("""{"status":"failover","channel_id":"ch-1","attempt":2,"provider":"anthropic","model":"claude"}""")]
    [InlineData("""{"status":"error","reason":"all_providers_failed","state":"stale","n":1.50,"big":12345678901234567890,"u":"\u00e9\ud83d\ude00"}""")]
    [InlineData("""{"nested":{"a":[1,{"b":null}],"t":true},"status":"completed"}""")]
    public void Status_AnyPayload_EqualsTheEagerEvent(string payload)
    {
        var (feed, _, request) = NewRequest();
        var utf8 = Encoding.UTF8.GetBytes(payload);

        request.Log.PublishStatus(utf8);

        var evt = Assert.Single(feed.All());
        AssertSame(Eager.Status(request, evt, utf8), evt);
    }

    [Theory]
    [InlineData("""{"status":"success","channel_id":"ch-1","data":{"x":1},"meta":{"provider":"openai","model":"m","attempts":[]}}""", true)]
    [InlineData("""{"status":"error","channel_id":"ch-1","error":{"code":"all_providers_failed","message":"All \"providers\" failed","n":[1.0,-0,2e3]},"meta":{"provider":null}}""", true)]
    [InlineData("""{"status":"ai_generated","channel_id":"ch-1","meta":{"duration_ms":12}}""", false)]
    [InlineData("""{"status":7,"meta":"not an object","error":false}""", true)]
    [InlineData("""{"meta":{"provider":{"name":"p","list":["a\u2028"]}},"error":"plain \ud83d\ude00"}""", false)]
    [InlineData("""{}""", true)]
    public void Response_AnyPayload_EqualsTheEagerEvent(string payload, bool final)
    {
        var (feed, time, request) = NewRequest();
        request.Log.AppendToken("Hi", 1, "openai", "gpt-4o-mini");
        time.Advance(TimeSpan.FromMilliseconds(250.6));
        var utf8 = Encoding.UTF8.GetBytes(payload);

        request.Log.PublishResponse(utf8, final);

        var evt = feed.All()[^1];
        Assert.Equal(RiverEventKinds.Response, evt.Kind);
        AssertSame(Eager.Response(request, evt, utf8, final, 250, 1), evt);
    }

    [Fact]
    public void Response_DataReadOnManyThreads_AllSeeOneFullyBuiltObject()
    {
        var (feed, _, request) = NewRequest();
        var utf8 = Encoding.UTF8.GetBytes("""{"status":"error","error":{"code":"x","details":{"a":[1,2,{"b":"c"}]}}}""");
        request.Log.PublishResponse(utf8, isFinal: true);
        var evt = feed.All()[^1];
        var expected = Eager.Response(request, evt, utf8, true, 0, 0).ToJsonString(WireJson.Options);

        var seen = new JsonObject[8];
        using var start = new Barrier(seen.Length);
        var threads = Enumerable.Range(0, seen.Length).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            seen[i] = evt.Data;
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.All(seen, s => Assert.Same(evt.Data, s));
        Assert.Equal(expected, evt.Json);
    }

    /// <summary>Same JSON, same keys in the same order, and every value node of the same type.</summary>
    private static void AssertSame(JsonObject expected, RiverEvent actual)
    {
        Assert.Equal(expected.ToJsonString(WireJson.Options), actual.Json);
        Assert.Equal(expected.ToJsonString(), actual.Data.ToJsonString());
        Assert.Equal(Shape(expected), Shape(actual.Data));
    }

    private static string Shape(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.Select(p => $"{p.Key}:{Shape(p.Value)}")) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Shape)) + "]",
        JsonValue v => v.GetValue<object>().GetType().Name,
        _ => node.GetType().Name,
    };

    /// <summary>The events as RequestEvents built them before they were lazy, stamped as RiverEventFeed.Publish stamps.</summary>
    private static class Eager
    {
        public static JsonObject Accepted(RiverRequest request, RiverEvent stamp) => Stamped(new JsonObject
        {
            ["project_id"] = request.ProjectId,
            ["workflow"] = request.Workflow.Name,
            ["event_name"] = request.EventName,
            ["webhook_url"] = request.WebhookUrl,
            ["state"] = RequestEvents.State(request),
        }, stamp);

        public static JsonObject Attempt(RiverRequest request, RiverEvent stamp, int attempt, string provider, string model,
            bool success, long durationMs, string? reason, TimeSpan? retryAfter) => Stamped(new JsonObject
            {
                ["attempt"] = attempt,
                ["provider"] = provider,
                ["model"] = model,
                ["success"] = success,
                ["duration_ms"] = durationMs,
                ["reason"] = reason,
                ["retry_after_ms"] = retryAfter is { } wait ? (long)wait.TotalMilliseconds : null,
                ["tokens_so_far"] = request.Log.LastSeq,
                ["state"] = RequestEvents.State(request),
            }, stamp);

        public static JsonObject Status(RiverRequest request, RiverEvent stamp, byte[] payload)
        {
            var status = RiverEventFeed.ParsePayload(payload);
            status["state"] = RequestEvents.State(request);
            return Stamped(status, stamp);
        }

        public static JsonObject Response(RiverRequest request, RiverEvent stamp, byte[] payloadUtf8, bool final, long durationMs, long count)
        {
            using var payload = JsonDocument.Parse(payloadUtf8);
            var root = payload.RootElement;
            return Stamped(new JsonObject
            {
                ["status"] = Field(root, "status"),
                ["final"] = final,
                ["duration_ms"] = durationMs,
                ["token_count"] = count,
                ["provider"] = root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object ? Field(meta, "provider") : null,
                ["error"] = Field(root, "error"),
                ["state"] = RequestEvents.State(request),
            }, stamp);
        }

        private static JsonNode? Field(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var value) ? Node(value) : null;

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
                    return JsonNode.Parse(value.GetRawText());
            }
        }

        private static JsonObject Stamped(JsonObject data, RiverEvent stamp)
        {
            RiverEventFeed.Stamp(data, stamp.Id, stamp.Kind, stamp.ChannelId, stamp.At);
            return data;
        }
    }
}
