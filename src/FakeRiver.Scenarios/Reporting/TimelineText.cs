using System.Globalization;
using System.Text.Json.Nodes;
using FakeRiver.Observability;

namespace FakeRiver.Scenarios.Reporting;

/// <summary>One line of text per feed event, worded as the dashboard words it (src/FakeRiver/Dashboard/ui/dashboard.js).</summary>
public static class TimelineText
{
    /// <summary>One line describing a timeline event, as the report shows it.</summary>
    public static string Describe(RiverEvent e)
    {
        var d = e.Data;
        return e.Kind switch
        {
            RiverEventKinds.Accepted => $"workflow {S(d, "workflow")}" + (d["event_name"] is null ? " (standard)" : $" (event-driven: {S(d, "event_name")})"),
            RiverEventKinds.Attempt => $"#{S(d, "attempt")} {S(d, "provider")} / {S(d, "model")}: "
                + (B(d, "success") ? "succeeded" : $"failed, {S(d, "reason")}") + $" in {S(d, "duration_ms")} ms"
                + (d["retry_after_ms"] is { } wait ? $", Retry-After {Seconds(wait)} s" : string.Empty),
            RiverEventKinds.Tokens => $"{S(d, "count")} tokens" + (d["rate"] is { } rate ? $" at {rate.ToJsonString()} tokens/s" : string.Empty),
            RiverEventKinds.Status => S(d, "status") + (d["provider"] is null ? string.Empty : $" · {S(d, "provider")}") + (d["reason"] is null ? string.Empty : $" · {S(d, "reason")}"),
            RiverEventKinds.Response => S(d, "status") + (B(d, "final") ? " (final)" : " (not final)") + (d["error"]?["code"] is { } code ? $": {code}" : string.Empty),
            RiverEventKinds.Webhook => $"{S(d, "type")} attempt {S(d, "attempt")} to {S(d, "url")}: {(d["status_code"] is null ? S(d, "error") : S(d, "status_code"))} in {S(d, "duration_ms")} ms",
            RiverEventKinds.Callback => $"answered {S(d, "status_code")}",
            RiverEventKinds.Join => B(d, "ok") ? $"socket {S(d, "socket_id")} joined, last_seq {S(d, "last_seq")}" : $"socket {S(d, "socket_id")} refused: {S(d, "reason")}",
            RiverEventKinds.Close => $"socket {S(d, "socket_id")} closed " + (d["code"] is null ? $"({S(d, "detail")})" : $"with {S(d, "code")}"),
            _ => d.ToJsonString(),
        };
    }

    /// <summary>True when the event is a failure (an attempt, webhook attempt or callback that did not succeed, an error).</summary>
    public static bool IsBad(RiverEvent e) => e.Kind switch
    {
        RiverEventKinds.Attempt => !B(e.Data, "success"),
        RiverEventKinds.Webhook => !B(e.Data, "succeeded"),
        RiverEventKinds.Callback => e.Data["status_code"]?.GetValue<int>() >= 400,
        RiverEventKinds.Status or RiverEventKinds.Response => S(e.Data, "status") == "error",
        _ => false,
    };

    private static string S(JsonObject d, string field) => d[field] switch
    {
        null => string.Empty,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        var other => other.ToJsonString(),
    };

    private static bool B(JsonObject d, string field) => d[field] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static string Seconds(JsonNode ms) =>
        (double.Parse(ms.ToJsonString(), CultureInfo.InvariantCulture) / 1000).ToString("0.###", CultureInfo.InvariantCulture);
}
