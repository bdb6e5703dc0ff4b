using System.Text.Json.Nodes;

namespace FakeRiver.Pipeline;

/// <summary>One provider attempt as listed in <c>meta.attempts</c> (the union of the shapes the sources show).</summary>
internal sealed record AttemptRecord(string Provider, string Model, bool Success, long DurationMs, string? Reason)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["provider"] = Provider,
            ["model"] = Model,
            ["status"] = Success ? "success" : "error",
            ["success"] = Success,
            ["duration_ms"] = DurationMs,
        };
        if (Reason is not null) json["reason"] = Reason;
        return json;
    }
}
