using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRiver.Wire.Json;

namespace FakeRiver.Requests;

/// <summary>
/// One provider attempt as listed in <c>meta.attempts</c> (the union of the shapes the sources show). The writers
/// print what <see cref="ToJson"/>'s object prints, key for key (tests/Contract/Pipeline/RunMetaTextTests.cs).
/// </summary>
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

    /// <summary>The object as <see cref="WireJsonWriter"/> prints <see cref="ToJson"/>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("provider", Provider);
        writer.WriteString("model", Model);
        writer.WriteString("status", Success ? "success" : "error");
        writer.WriteBoolean("success", Success);
        writer.WriteNumber("duration_ms", DurationMs);
        if (Reason is not null) writer.WriteString("reason", Reason);
        writer.WriteEndObject();
    }

    /// <summary>The object as the next item of an open array, as JsJson prints <see cref="ToJson"/>.</summary>
    public void WriteTo(JsObjectWriter writer)
    {
        writer.BeginObjectItem()
            .String("provider", Provider)
            .String("model", Model)
            .String("status", Success ? "success" : "error")
            .Boolean("success", Success)
            .Number("duration_ms", DurationMs);
        if (Reason is not null) writer.String("reason", Reason);
        writer.EndObject();
    }
}
