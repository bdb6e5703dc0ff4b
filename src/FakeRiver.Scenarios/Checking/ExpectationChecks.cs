using System.Globalization;
using System.Text.Json.Nodes;
using FakeRiver.Scenarios.Model;
using FakeRiver.Scenarios.Running;
using FakeRiver.Webhooks;

namespace FakeRiver.Scenarios.Checking;

/// <summary>The scenario's <c>expect</c> block against what happened.</summary>
internal static class ExpectationChecks
{
    public static IEnumerable<ScenarioFailure> Check(Scenario scenario, Observation seen)
    {
        var expect = scenario.Expect;
        var final = seen.FinalResponse;
        var failures = new List<ScenarioFailure>();
        void Compare<T>(string step, string rule, T? expected, T? actual, string path = "$")
        {
            if (expected is not null && !EqualityComparer<T>.Default.Equals(expected, actual))
                failures.Add(new(step, rule, Show(expected), Show(actual), path));
        }

        if (!seen.Finished) failures.Add(new("run", "the request finished and webhooks settled within the time cap", "finished", "still running"));
        failures.AddRange(seen.Browser.Errors.Select(e => new ScenarioFailure("browser", "the browser ran without errors", "no error", e)));
        Compare("response", "final response status", expect.Status, Observation.Status(final) ?? seen.SyncStatus, "$.status");
        Compare("response", "final error code", expect.ErrorCode, final?["error"]?["code"]?.GetValue<string>(), "$.error.code");
        Compare("chat", "backend /chat answer", expect.BackendChatAnswer, seen.Browser.ChatStatus);
        Compare("token reuse", "upgrade status with a used token", expect.TokenReuseStatus, seen.Browser.TokenReuseStatus);
        Compare("callback", "requests carrying the API key to the forged callback URL", expect.KeyLeaks, seen.KeyLeaks);
        Compare("meta", "meta.offline_fallback", expect.OfflineFallback, Bool(seen.Meta?["offline_fallback"]), "$.meta.offline_fallback");
        Compare("meta", "meta.test_mode", expect.TestMode, Bool(seen.Meta?["test_mode"]), "$.meta.test_mode");
        failures.AddRange(Attempts(expect, seen));
        failures.AddRange(Webhooks(expect, seen));
        failures.AddRange(Callbacks(expect, seen));
        var heartbeats = seen.Browser.Frames.Count(f => f.Message.Topic == "phoenix" && f.Message.Event == "phx_reply");
        if (expect.HeartbeatsMin is { } min && heartbeats < min)
            failures.Add(new("socket", "heartbeats answered", $">= {min}", $"{heartbeats}"));
        failures.AddRange(Latency(expect, seen));
        failures.AddRange(SyncChecks.Check(expect, seen));
        return failures;
    }

    private static IEnumerable<ScenarioFailure> Attempts(ScenarioExpect expect, Observation seen)
    {
        if (expect.Attempts is not { } wanted) yield break;
        var actual = seen.Attempts ?? [];
        if (actual.Count != wanted.Count)
            yield return new("attempts", "number of meta.attempts", $"{wanted.Count}", $"{actual.Count}: {actual.ToJsonString()}", "$.meta.attempts");
        for (var i = 0; i < Math.Min(actual.Count, wanted.Count); i++)
        {
            var path = $"$.meta.attempts[{i}]";
            foreach (var (key, value) in new[] { ("provider", wanted[i].Provider), ("status", wanted[i].Status), ("reason", wanted[i].Reason) })
            {
                var got = actual[i]?[key]?.GetValue<string>();
                if (value is not null && value != got) yield return new("attempts", $"attempt {i + 1} {key}", value, got ?? "(missing)", $"{path}.{key}");
            }
        }
    }

    private static IEnumerable<ScenarioFailure> Webhooks(ScenarioExpect expect, Observation seen)
    {
        var deliveries = seen.Webhooks;
        if (expect.Webhook is { } w)
        {
            if (w.Deliveries is { } n && deliveries.Count != n) yield return new("webhook", "deliveries", $"{n}", $"{deliveries.Count}");
            var attempts = deliveries.Sum(d => d.Attempts.Count);
            if (w.Attempts is { } a && attempts != a) yield return new("webhook", "attempts in all", $"{a}", $"{attempts}");
            var state = deliveries.Count > 0 ? StateName(deliveries[^1].State) : "(none)";
            if (w.State is { } s && s != state) yield return new("webhook", "delivery state", s, state);
            var type = deliveries.Count > 0 ? deliveries[^1].Type : "(none)";
            if (w.Type is { } t && t != type) yield return new("webhook", "body type", t, type, "$.type");
        }
        if (expect.BackendWebhookAnswers is { } answers)
        {
            var got = deliveries.SelectMany(d => d.Attempts).Select(a => a.StatusCode ?? 0).ToList();
            if (!got.SequenceEqual(answers))
                yield return new("webhook", "backend answers to each attempt (0 = no answer)", $"[{string.Join(", ", answers)}]", $"[{string.Join(", ", got)}]");
        }
    }

    private static IEnumerable<ScenarioFailure> Callbacks(ScenarioExpect expect, Observation seen)
    {
        if (expect.Callback is not { } c) yield break;
        if (c.Count is { } n && seen.Callbacks.Count != n) yield return new("callback", "callbacks received", $"{n}", $"{seen.Callbacks.Count}");
        if (seen.Callbacks.Count == 0) yield break;
        var first = seen.Callbacks[0];
        if (c.Status is { } status && first.Status != status) yield return new("callback", "FakeRiver's answer", $"{status}", $"{first.Status}");
        var data = first.Body is null ? null : JsonNode.Parse(first.Body)?["data"] as JsonObject;
        foreach (var key in c.DataHas.Where(k => data?[k] is null))
            yield return new("callback", "callback data carries the key", key, "(missing)", $"$.data.{key}");
    }

    private static IEnumerable<ScenarioFailure> Latency(ScenarioExpect expect, Observation seen)
    {
        var start = seen.Browser.StartedAt;
        var firstToken = seen.Browser.Events("tokens").Select(f => f.Message.ReceivedAt).FirstOrDefault();
        var final = seen.Browser.Events("response").Select(f => f.Message).LastOrDefault();
        if (expect.TtftMsMax is { } ttft && (firstToken == default || (firstToken - start).TotalMilliseconds > ttft))
            yield return new("latency", "time to first token (virtual ms)", $"<= {ttft}", firstToken == default ? "no token" : Ms(firstToken - start));
        if (expect.E2eMsMax is { } e2e && (final is null || (final.ReceivedAt - start).TotalMilliseconds > e2e))
            yield return new("latency", "end to end (virtual ms)", $"<= {e2e}", final is null ? "no response" : Ms(final.ReceivedAt - start));
    }

    public static string StateName(WebhookDeliveryState state) => state switch
    {
        WebhookDeliveryState.DeadLettered => "dead_lettered",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    private static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private static string Show(object? value) => value switch
    {
        null => "(none)",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
