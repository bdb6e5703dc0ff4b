using System.Text.Json.Nodes;
using ChatBackend.Webhooks;
using ModelRiver.Wire.Json;

namespace ChatBackend.Api;

/// <summary>
/// The body of <c>POST /chat</c>: <c>{message, conversationId?, workflow?, events?}</c>. Falsy optional fields fall
/// back to the example's defaults; a field of the wrong type is refused (the example would forward it as is).
/// </summary>
public sealed record ChatRequest(string Message, string? ConversationId, string? Workflow, JsonArray? Events)
{
    public const string MessageRequired = "Message is required";

    /// <summary>Reads the body; on failure returns null and the error text for a 400.</summary>
    public static ChatRequest? Parse(JsonNode? body, out string? error)
    {
        error = null;
        if (body is not JsonObject json)
        {
            error = body is JsonArray ? MessageRequired : "Request body must be a JSON object";
            return null;
        }
        if (!JsTruthiness.IsTruthy(json["message"])) error = MessageRequired;
        else if (JsTruthiness.AsString(json["message"]) is null) error = "message must be a string";
        else if (!OptionalString(json["conversationId"])) error = "conversationId must be a string";
        else if (!OptionalString(json["workflow"])) error = "workflow must be a string";
        else if (!OptionalStringArray(json["events"])) error = "events must be an array of strings";
        else if (ForwardedStrings(json).Any(JsString.HasLoneSurrogate)) error = "text fields must be valid Unicode (no lone surrogates)";
        if (error is not null) return null;

        return new ChatRequest(
            JsTruthiness.AsString(json["message"])!,
            NonEmpty(json["conversationId"]),
            NonEmpty(json["workflow"]),
            json["events"] is JsonArray events ? (JsonArray)events.DeepClone() : null);
    }

    // What is forwarded to the gateway, which cannot carry a lone surrogate: refused here as a 400 rather than sent
    // on and answered with the example's 500 "Failed to start AI request".
    private static IEnumerable<string> ForwardedStrings(JsonObject json) =>
        new[] { json["message"], json["conversationId"], json["workflow"] }
            .Concat(json["events"] as JsonArray ?? [])
            .Select(JsTruthiness.AsString)
            .OfType<string>();

    private static bool OptionalString(JsonNode? node) => !JsTruthiness.IsTruthy(node) || JsTruthiness.AsString(node) is not null;

    private static bool OptionalStringArray(JsonNode? node) =>
        node is null || node.GetValueKind() == System.Text.Json.JsonValueKind.Null
        || node is JsonArray array && array.All(item => JsTruthiness.AsString(item) is not null);

    private static string? NonEmpty(JsonNode? node) => JsTruthiness.AsString(node) is { Length: > 0 } text ? text : null;
}
