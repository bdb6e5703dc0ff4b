using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.Scenarios.Model;
using FakeRiver.Scenarios.Running;
using FakeRiver.Workflows;

namespace FakeRiver.Scenarios.Checking;

/// <summary>
/// The stream invariant (docs/ARCHITECTURE.md 3.4): the deltas the browser got, in seq order across every socket it used,
/// have no gap and no duplicate and concatenate to the final text; the final response closes the socket with 1000.
/// </summary>
internal static class StreamChecks
{
    public static IEnumerable<ScenarioFailure> Check(Scenario scenario, Observation seen)
    {
        var browser = seen.Browser;
        if (browser.Connections.Count == 0) yield break;
        var bySeq = new SortedDictionary<long, string>();
        foreach (var group in browser.Events("tokens").GroupBy(f => f.Connection))
        {
            var last = 0L;
            foreach (var (_, message) in group)
            {
                var seq = message.PayloadObject["seq"]?.GetValue<long>() ?? 0;
                var delta = message.PayloadObject["delta"]?.GetValue<string>() ?? "";
                if (seq <= last) yield return new("stream", "seq increases on a socket", $"> {last}", $"{seq}", $"socket {group.Key}");
                last = seq;
                if (bySeq.TryGetValue(seq, out var seen1) && seen1 != delta)
                    yield return new("stream", "a replayed token equals the original", Quote(seen1), Quote(delta), $"$.seq={seq}");
                bySeq[seq] = delta;
            }
        }
        var expectedSeq = 1L;
        foreach (var seq in bySeq.Keys)
        {
            if (seq != expectedSeq) { yield return new("stream", "no gap in seq", $"{expectedSeq}", $"{seq}", "$.seq"); break; }
            expectedSeq++;
        }
        var kept = !browser.Connections[^1].Dropped;
        var stored = seen.Requests.FirstOrDefault()?.Log.LastSeq ?? 0;
        if (kept && bySeq.Count != stored)
            yield return new("stream", "every token FakeRiver streamed reached the browser", $"{stored} tokens", $"{bySeq.Count}", "$.seq");
        if (!kept) yield break;

        var final = seen.FinalResponse;
        var text = string.Concat(bySeq.Values);
        if (TextMismatch(scenario, final, text) is { } mismatch) yield return mismatch;
        foreach (var failure in CloseChecks(browser, final)) yield return failure;
    }

    private static ScenarioFailure? TextMismatch(Scenario scenario, JsonObject? final, string text)
    {
        var status = Observation.Status(final);
        if (status is not ("success" or "completed") || final?["data"] is not JsonObject data) return null;
        if (final["meta"]?["offline_fallback"]?.GetValue<bool>() == true || final["meta"]?["test_mode"]?.GetValue<bool>() == true) return null;
        if (scenario.Workflow.OutputSchema is null)
        {
            var content = data["choices"]?[0]?["message"]?["content"]?.GetValue<string>();
            return content == text ? null : new("stream", "deltas concatenate to the final text", Quote(content ?? ""), Quote(text), "$.data.choices[0].message.content");
        }
        JsonNode? parsed;
        try { parsed = JsonNode.Parse(text); } catch (JsonException) { parsed = null; }
        // merge repairs invalid output: the data then differs from the streamed text by design.
        if (scenario.Workflow.OnInvalid == OnInvalidMode.Merge) return null;
        var expected = (JsonObject)data.DeepClone();
        if (status == "completed") { expected.Remove("id"); expected.Remove("conversation_id"); }
        return JsonNode.DeepEquals(parsed, expected) ? null
            : new("stream", "deltas concatenate to the final data", Clip(expected.ToJsonString()), Clip(text), "$.data");
    }

    private static IEnumerable<ScenarioFailure> CloseChecks(BrowserRecord browser, JsonObject? final)
    {
        if (final is null || Observation.Status(final) is not ("success" or "completed" or "error")) yield break;
        var last = browser.Connections[^1];
        var frames = browser.Frames.Where(f => f.Connection == last.Number).Select(f => f.Message.Event).ToList();
        if (frames.Count < 2 || frames[^1] != "phx_close" || frames[^2] != "response")
            yield return new("close", "final response, then phx_close", "response, phx_close", string.Join(", ", frames.TakeLast(2)), $"socket {last.Number}");
        if (last.CloseStatus != 1000)
            yield return new("close", "socket closed with 1000 after the final response", "1000", $"{last.CloseStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no close"}", $"socket {last.Number}");
    }

    private static string Quote(string text) => "\"" + Clip(text) + "\"";

    private static string Clip(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
