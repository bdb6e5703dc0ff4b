using System.Text.Json.Nodes;
using ModelRiver.Wire.Json;

namespace ChatBackend.Webhooks;

/// <summary>
/// The fields the example reads from a webhook (its step 4). Each may sit at the top level or nested in <c>data</c>;
/// the callback URL may also come from the <c>x-modelriver-callback-url</c> header. Nodes are the parsed body's own.
/// </summary>
public sealed record WebhookPayload(
    string? ChannelId,
    string? Event,
    string? Type,
    JsonNode? AiResponse,
    string? CallbackUrl,
    JsonNode? Data,
    JsonNode? Meta)
{
    public static WebhookPayload From(JsonNode? body, string? callbackUrlHeader)
    {
        var root = body as JsonObject;
        var data = root?["data"];
        var nested = data as JsonObject;
        return new WebhookPayload(
            JsTruthiness.AsString(JsTruthiness.Or(root?["channel_id"], nested?["channel_id"])),
            JsTruthiness.AsString(JsTruthiness.Or(root?["event"], nested?["event"])),
            JsTruthiness.AsString(JsTruthiness.Or(root?["type"], nested?["type"])),
            JsTruthiness.Or(root?["ai_response"], nested?["ai_response"]),
            JsTruthiness.AsString(JsTruthiness.Or(root?["callback_url"], nested?["callback_url"]))
                ?? (string.IsNullOrEmpty(callbackUrlHeader) ? null : callbackUrlHeader),
            JsTruthiness.IsTruthy(data) ? data : null,
            root?["meta"]);
    }

    /// <summary>Event-driven webhooks expect the AI output back in the callback.</summary>
    public bool IsEventDriven => Event == "new_chat" || Type == "task.ai_generated";

    /// <summary>The AI output: <c>ai_response.data || data</c>.</summary>
    public JsonNode? ResponseData => JsTruthiness.Or((AiResponse as JsonObject)?["data"], Data);

    /// <summary>Token usage: <c>meta.usage || data.usage</c>.</summary>
    public JsonNode? Usage => JsTruthiness.Or((Meta as JsonObject)?["usage"], (Data as JsonObject)?["usage"]);

    /// <summary>
    /// What the record stores as <c>response</c>: structured output as is (an object with neither <c>choices</c> nor
    /// <c>response</c>), else the first choice's text, else the JSON text. Returns a copy, safe to store.
    /// </summary>
    public JsonNode? RecordResponse()
    {
        var output = ResponseData;
        if (output is null) return null;
        if (output is JsonArray || output is JsonObject o && !o.ContainsKey("choices") && !o.ContainsKey("response"))
        {
            return output.DeepClone();
        }
        var text = JsTruthiness.Or(FirstChoiceContent(output), FirstChoiceContent((output as JsonObject)?["response"]));
        return text?.DeepClone() ?? JsonValue.Create(JsJson.Stringify(output));
    }

    /// <summary>The object whose fields the callback returns: <c>ai_response.data</c> when event-driven, else <c>data</c>, else empty.</summary>
    public JsonObject CallbackData()
    {
        var source = IsEventDriven ? JsTruthiness.Or((AiResponse as JsonObject)?["data"], Data) : Data;
        return source is JsonObject json ? (JsonObject)json.DeepClone() : [];
    }

    private static JsonNode? FirstChoiceContent(JsonNode? node) =>
        ((((node as JsonObject)?["choices"] as JsonArray)?.FirstOrDefault() as JsonObject)?["message"] as JsonObject)?["content"];
}
