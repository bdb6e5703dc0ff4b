using System.Text.Json.Nodes;
using FakeRiver.Requests;

namespace FakeRiver.Pipeline;

/// <summary>
/// The <c>response</c> event payloads, one per documented status (docs/ARCHITECTURE.md 3.4). Never <c>pending</c>;
/// <c>ai_generated</c> carries neither <c>ai_response</c> nor <c>meta.status</c> (the demo UI would finish early).
/// </summary>
internal static class ResponsePayloads
{
    public static JsonObject Success(RiverRequest request, JsonObject data, JsonObject meta) => new()
    {
        ["status"] = "success",
        ["channel_id"] = request.ChannelId,
        ["model"] = meta["model"]?.DeepClone(),
        ["data"] = data.DeepClone(),
        ["customer_data"] = request.CustomerData.DeepClone(),
        ["meta"] = meta.DeepClone(),
    };

    public static JsonObject AiGenerated(RiverRequest request, long durationMs) => new()
    {
        ["status"] = "ai_generated",
        ["channel_id"] = request.ChannelId,
        ["event_name"] = request.EventName,
        ["message"] = "AI generated; waiting for callback",
        ["meta"] = new JsonObject { ["duration_ms"] = durationMs },
    };

    public static JsonObject Completed(RiverRequest request, JsonObject data, string? taskId, JsonObject? callbackMetadata)
    {
        var payload = new JsonObject
        {
            ["status"] = "completed",
            ["channel_id"] = request.ChannelId,
        };
        if (taskId is not null) payload["task_id"] = taskId;
        payload["data"] = data.DeepClone();
        payload["customer_data"] = request.CustomerData.DeepClone();
        if (callbackMetadata is not null) payload["callback_metadata"] = callbackMetadata.DeepClone();
        return payload;
    }

    public static JsonObject Error(RiverRequest request, string code, string message, JsonObject? meta)
    {
        var payload = new JsonObject
        {
            ["status"] = "error",
            ["channel_id"] = request.ChannelId,
            ["error"] = new JsonObject { ["message"] = message, ["code"] = code },
        };
        if (meta is not null) payload["meta"] = meta.DeepClone();
        return payload;
    }

    /// <summary>A <c>status</c> event after the AI run (callback, timeout): names the attempt that produced the output.</summary>
    public static JsonObject StatusAfterAi(RiverRequest request, string status, string? reason = null)
    {
        var meta = request.AiMeta;
        var attempts = meta?["attempts"] is JsonArray list ? list.Count : 1;
        return Status(request, status, Math.Max(1, attempts), meta?["provider"]?.GetValue<string>(), meta?["model"]?.GetValue<string>(), reason);
    }

    /// <summary>A <c>status</c> event (our documented extension).</summary>
    public static JsonObject Status(RiverRequest request, string status, int attempt, string? provider, string? model, string? reason = null)
    {
        var payload = new JsonObject
        {
            ["channel_id"] = request.ChannelId,
            ["status"] = status,
            ["attempt"] = attempt,
            ["provider"] = provider,
            ["model"] = model,
        };
        if (reason is not null) payload["reason"] = reason;
        return payload;
    }
}
