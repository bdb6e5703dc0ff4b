using System.Text.Json.Nodes;
using FakeRiver.Requests;

namespace FakeRiver.Pipeline;

/// <summary>
/// The <c>response</c> event payloads, one per documented status (docs/ARCHITECTURE.md 3.4). Never <c>pending</c>;
/// <c>ai_generated</c> carries neither <c>ai_response</c> nor <c>meta.status</c> (the demo UI would finish early).
/// Each is written once, as the UTF-8 the channel log keeps and every socket shares (<see cref="WireJsonWriter"/>):
/// the data, customer_data and meta nodes are written where they are, not cloned into a new tree first.
/// </summary>
internal static class ResponsePayloads
{
    public static byte[] Success(RiverRequest request, JsonObject data, JsonObject meta) =>
        WireJsonWriter.Write((request, data, meta), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("status", "success");
            w.WriteString("channel_id", s.request.ChannelId);
            w.WriteNode("model", s.meta["model"]);
            w.WriteNode("data", s.data);
            w.WriteNode("customer_data", s.request.CustomerData);
            w.WriteNode("meta", s.meta);
            w.WriteEndObject();
        });

    /// <summary>As <see cref="Success(RiverRequest, JsonObject, JsonObject)"/> with the run's data and meta written from their values.</summary>
    public static byte[] Success(RiverRequest request, AiOutput data, AiRunMeta meta) =>
        WireJsonWriter.Write((request, data, meta), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("status", "success");
            w.WriteString("channel_id", s.request.ChannelId);
            w.WriteStringOrNull("model", s.meta.Model);
            w.WritePropertyName("data");
            s.data.WriteTo(w);
            w.WriteNode("customer_data", s.request.CustomerData);
            w.WritePropertyName("meta");
            s.meta.WriteTo(w);
            w.WriteEndObject();
        });

    public static byte[] AiGenerated(RiverRequest request, long durationMs) =>
        WireJsonWriter.Write((request, durationMs), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("status", "ai_generated");
            w.WriteString("channel_id", s.request.ChannelId);
            w.WriteStringOrNull("event_name", s.request.EventName);
            w.WriteString("message", "AI generated; waiting for callback");
            w.WriteStartObject("meta");
            w.WriteNumber("duration_ms", s.durationMs);
            w.WriteEndObject();
            w.WriteEndObject();
        });

    public static byte[] Completed(RiverRequest request, JsonObject data, string? taskId, JsonObject? callbackMetadata) =>
        WireJsonWriter.Write((request, data, taskId, callbackMetadata), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("status", "completed");
            w.WriteString("channel_id", s.request.ChannelId);
            if (s.taskId is not null) w.WriteString("task_id", s.taskId);
            w.WriteNode("data", s.data);
            w.WriteNode("customer_data", s.request.CustomerData);
            if (s.callbackMetadata is not null) w.WriteNode("callback_metadata", s.callbackMetadata);
            w.WriteEndObject();
        });

    /// <summary>An <c>error</c> response without meta.</summary>
    public static byte[] Error(RiverRequest request, string code, string message) =>
        Error(request, code, message, null, null);

    public static byte[] Error(RiverRequest request, string code, string message, JsonObject? meta) =>
        Error(request, code, message, meta, null);

    /// <summary>An <c>error</c> response with the run's meta written from its values.</summary>
    public static byte[] Error(RiverRequest request, string code, string message, AiRunMeta meta) =>
        Error(request, code, message, null, meta);

    private static byte[] Error(RiverRequest request, string code, string message, JsonObject? meta, AiRunMeta? run) =>
        WireJsonWriter.Write((request, code, message, meta, run), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("status", "error");
            w.WriteString("channel_id", s.request.ChannelId);
            w.WriteStartObject("error");
            w.WriteString("message", s.message);
            w.WriteString("code", s.code);
            w.WriteEndObject();
            if (s.run is not null)
            {
                w.WritePropertyName("meta");
                s.run.WriteTo(w);
            }
            else if (s.meta is not null)
            {
                w.WriteNode("meta", s.meta);
            }
            w.WriteEndObject();
        });

    /// <summary>A <c>status</c> event after the AI run (callback, timeout): names the attempt that produced the output.</summary>
    public static byte[] StatusAfterAi(RiverRequest request, string status, string? reason = null)
    {
        var run = request.AiRun;
        var attempts = run?.Attempts.Count ?? 1;
        return Status(request, status, Math.Max(1, attempts), run?.Provider, run?.Model, reason);
    }

    /// <summary>A <c>status</c> event (our documented extension).</summary>
    public static byte[] Status(RiverRequest request, string status, int attempt, string? provider, string? model, string? reason = null) =>
        WireJsonWriter.Write((request.ChannelId, status, attempt, provider, model, reason), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("channel_id", s.ChannelId);
            w.WriteString("status", s.status);
            w.WriteNumber("attempt", s.attempt);
            w.WriteStringOrNull("provider", s.provider);
            w.WriteStringOrNull("model", s.model);
            if (s.reason is not null) w.WriteString("reason", s.reason);
            w.WriteEndObject();
        });
}
