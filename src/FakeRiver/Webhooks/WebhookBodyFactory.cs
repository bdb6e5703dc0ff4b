using System.Globalization;
using System.Text.Json.Nodes;
using FakeRiver.Requests;
using ModelRiver.Wire.Json;

namespace FakeRiver.Webhooks;

/// <summary>
/// Webhook bodies in the shapes of docs/ARCHITECTURE.md 3.5: standard (<c>task.completed</c>), event-driven
/// (<c>task.ai_generated</c>) and the all-providers-failed error variant. Inputs are deep-cloned, so callers keep
/// their nodes; <c>data</c> is always a non-null object because receivers sign <c>JSON.stringify(body.data)</c>.
/// </summary>
internal static class WebhookBodyFactory
{
    public const string CompletedType = "task.completed";
    public const string AiGeneratedType = "task.ai_generated";

    public static JsonObject Standard(RiverRequest request, JsonObject data, JsonObject? meta, DateTimeOffset time) =>
        Standard(request.ChannelId, request.Workflow.Name, data, meta, request.CustomerData, time);

    public static JsonObject Standard(string channelId, string workflow, JsonObject data, JsonObject? meta, JsonObject? customerData, DateTimeOffset time) =>
        new()
        {
            ["type"] = CompletedType,
            ["workflow"] = workflow,
            ["status"] = "success",
            ["channel_id"] = channelId,
            ["data"] = data.DeepClone(),
            ["meta"] = meta?.DeepClone() ?? new JsonObject(),
            ["customer_data"] = customerData?.DeepClone() ?? new JsonObject(),
            ["timestamp"] = Iso(time),
        };

    public static JsonObject EventDriven(RiverRequest request, JsonObject data, JsonObject? meta, DateTimeOffset time) =>
        new()
        {
            ["type"] = AiGeneratedType,
            ["event"] = request.EventName,
            ["channel_id"] = request.ChannelId,
            ["ai_response"] = new JsonObject { ["data"] = data.DeepClone() },
            ["callback_url"] = request.CallbackUrl,
            ["callback_required"] = true,
            ["meta"] = meta?.DeepClone() ?? new JsonObject(),
            ["customer_data"] = request.CustomerData.DeepClone(),
            ["timestamp"] = Iso(time),
            ["data"] = data.DeepClone(),
        };

    /// <summary>Standard shape with <c>status:"error"</c>, an empty (non-null) <c>data</c> and <c>error{message, code}</c>.</summary>
    public static JsonObject Error(RiverRequest request, string message, string code, JsonObject? meta, DateTimeOffset time)
    {
        var body = Standard(request, [], meta, time);
        body["status"] = "error";
        body["error"] = new JsonObject { ["message"] = message, ["code"] = code };
        return body;
    }

    /// <summary>
    /// <see cref="Standard(RiverRequest, JsonObject, JsonObject?, DateTimeOffset)"/> printed straight to its JsJson text:
    /// the same bytes as <c>JsJson.Stringify</c> of that body, without deep-cloning data, meta and customer_data
    /// into it first (the pipeline's webhooks: tests/Perf/results/profile-accept.md).
    /// </summary>
    public static WebhookText StandardText(RiverRequest request, JsonObject data, JsonObject? meta, DateTimeOffset time) =>
        StandardText(request, AiOutput.Of(data), new MetaSource(meta, null), time, error: null);

    /// <summary>As <see cref="StandardText(RiverRequest, JsonObject, JsonObject?, DateTimeOffset)"/> with the run's meta printed from its values.</summary>
    public static WebhookText StandardText(RiverRequest request, AiOutput data, AiRunMeta meta, DateTimeOffset time) =>
        StandardText(request, data, new MetaSource(null, meta), time, error: null);

    /// <summary><see cref="EventDriven"/> printed straight to its JsJson text.</summary>
    public static WebhookText EventDrivenText(RiverRequest request, JsonObject data, JsonObject? meta, DateTimeOffset time) =>
        EventDrivenText(request, AiOutput.Of(data), new MetaSource(meta, null), time);

    /// <summary>As <see cref="EventDrivenText(RiverRequest, JsonObject, JsonObject?, DateTimeOffset)"/> with the run's meta printed from its values.</summary>
    public static WebhookText EventDrivenText(RiverRequest request, AiOutput data, AiRunMeta meta, DateTimeOffset time) =>
        EventDrivenText(request, data, new MetaSource(null, meta), time);

    /// <summary><see cref="Error"/> printed straight to its JsJson text.</summary>
    public static WebhookText ErrorText(RiverRequest request, string message, string code, JsonObject? meta, DateTimeOffset time) =>
        StandardText(request, AiOutput.Of([]), new MetaSource(meta, null), time, (message, code));

    /// <summary>As <see cref="ErrorText(RiverRequest, string, string, JsonObject?, DateTimeOffset)"/> with the run's meta printed from its values.</summary>
    public static WebhookText ErrorText(RiverRequest request, string message, string code, AiRunMeta meta, DateTimeOffset time) =>
        StandardText(request, AiOutput.Of([]), new MetaSource(null, meta), time, (message, code));

    private static WebhookText EventDrivenText(RiverRequest request, AiOutput data, MetaSource meta, DateTimeOffset time)
    {
        // Printed once, before the body's writer takes the thread's builder; appended twice, and signed as it is.
        var dataText = data.JsText;
        var writer = new JsObjectWriter()
            .String("type", AiGeneratedType)
            .String("event", request.EventName)
            .String("channel_id", request.ChannelId)
            .BeginObject("ai_response").Raw("data", dataText).EndObject()
            .String("callback_url", request.CallbackUrl)
            .Boolean("callback_required", true);
        meta.WriteTo(writer);
        writer.Node("customer_data", request.CustomerData)
            .String("timestamp", Iso(time))
            .CaptureRaw("data", dataText);
        return new WebhookText(AiGeneratedType, writer.Finish(), writer.CapturedNode, request.CallbackUrl);
    }

    private static WebhookText StandardText(RiverRequest request, AiOutput data, MetaSource meta, DateTimeOffset time,
        (string Message, string Code)? error)
    {
        var dataText = data.JsText;
        var writer = new JsObjectWriter()
            .String("type", CompletedType)
            .String("workflow", request.Workflow.Name)
            .String("status", error is null ? "success" : "error")
            .String("channel_id", request.ChannelId)
            .CaptureRaw("data", dataText);
        meta.WriteTo(writer);
        writer.Node("customer_data", request.CustomerData)
            .String("timestamp", Iso(time));
        if (error is { } e) writer.BeginObject("error").String("message", e.Message).String("code", e.Code).EndObject();
        return new WebhookText(CompletedType, writer.Finish(), writer.CapturedNode, null);
    }

    /// <summary>A body's <c>meta</c>: a node (an empty object when null), or a run's meta printed from its values.</summary>
    private readonly record struct MetaSource(JsonObject? Node, AiRunMeta? Run)
    {
        public void WriteTo(JsObjectWriter writer)
        {
            if (Run is not null) Run.WriteTo(writer, "meta");
            else if (Node is null) writer.BeginObject("meta").EndObject();
            else writer.Node("meta", Node);
        }
    }

    /// <summary>ISO-8601 UTC with milliseconds, as JavaScript's Date.toISOString prints it.</summary>
    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
