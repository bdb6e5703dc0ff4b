using System.Globalization;
using System.Text.Json.Nodes;
using FakeRiver.Scenarios.Checking;
using FakeRiver.Scenarios.Model;
using FakeRiver.Scenarios.Running;

namespace FakeRiver.Scenarios.Reporting;

/// <summary>
/// One scenario run as JSON, in the order things happened: the chat, every frame per socket, the webhook
/// deliveries with each attempt, the callbacks, the verdict. Times are virtual, relative to the run's start.
/// </summary>
internal static class TranscriptBuilder
{
    public static JsonObject Build(Scenario scenario, int seed, Observation seen, IReadOnlyList<ScenarioFailure> failures)
    {
        var start = seen.Browser.StartedAt;
        var browser = seen.Browser;
        var transcript = new JsonObject
        {
            ["scenario"] = scenario.Name,
            ["seed"] = seed,
            ["chat"] = new JsonObject { ["status"] = browser.ChatStatus, ["body"] = browser.ChatBody?.DeepClone() },
            ["sockets"] = new JsonArray([.. browser.Connections.Select(c => (JsonNode)new JsonObject
            {
                ["socket"] = c.Number,
                ["how"] = c.How,
                ["join_reply"] = c.JoinReply?.DeepClone(),
                ["close"] = c.CloseStatus,
                ["dropped"] = c.Dropped,
            })]),
            ["reconnect"] = browser.ReconnectStatus is null ? null : new JsonObject { ["status"] = browser.ReconnectStatus, ["body"] = browser.ReconnectBody?.DeepClone() },
            ["token_reuse_status"] = browser.TokenReuseStatus,
            // No receive times per frame: when a frame is read depends on thread scheduling, not on the scenario.
            ["frames"] = new JsonArray([.. browser.Frames.Where(f => f.Message.Topic != "phoenix").Select(f => (JsonNode)new JsonObject
            {
                ["socket"] = f.Connection,
                ["event"] = f.Message.Event,
                ["payload"] = f.Message.Payload?.DeepClone(),
            })]),
            ["heartbeats"] = browser.Frames.Count(f => f.Message.Topic == "phoenix"),
            ["webhooks"] = new JsonArray([.. seen.Webhooks.Select(d => (JsonNode)new JsonObject
            {
                ["type"] = d.Type,
                ["state"] = ExpectationChecks.StateName(d.State),
                ["attempts"] = new JsonArray([.. d.Attempts.Select(a => (JsonNode)new JsonObject
                {
                    ["number"] = a.Number,
                    ["at"] = At(a.SentAt, start),
                    ["status"] = a.StatusCode,
                    ["error"] = a.Error,
                })]),
                ["body"] = JsonNode.Parse(d.Body),
            })]),
            ["callbacks"] = new JsonArray([.. seen.Callbacks.Select(c => (JsonNode)new JsonObject
            {
                ["at"] = At(c.ReceivedAt, start),
                ["status"] = c.Status,
                ["body"] = c.Body is null ? null : JsonNode.Parse(c.Body),
            })]),
            ["ended"] = At(seen.End, start),
            ["verdict"] = failures.Count == 0 ? "pass" : "fail",
            ["failures"] = new JsonArray([.. failures.Select(f => (JsonNode)JsonValue.Create(f.ToString()))]),
        };
        // Only sync scenarios have the key, so the transcripts of the others stay as they were.
        if (browser.Sync.Count > 0) transcript.Insert(2, "sync", Sync(browser, start));
        return transcript;
    }

    private static JsonArray Sync(BrowserRecord browser, DateTimeOffset start) =>
        [.. browser.Sync.Select(e => (JsonNode)new JsonObject
        {
            ["request"] = e.Request,
            ["try"] = e.Try,
            ["at"] = At(e.SentAt, start),
            ["status"] = e.Status,
            ["headers"] = new JsonObject([.. e.Headers.OrderBy(h => h.Key, StringComparer.Ordinal)
                .Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value)))]),
            ["body"] = e.Body?.DeepClone(),
        })];

    /// <summary>A virtual instant as its offset from the run's start, e.g. <c>&lt;t+1500ms&gt;</c>.</summary>
    public static string At(DateTimeOffset instant, DateTimeOffset start) =>
        "<t+" + (instant - start).TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms>";
}
