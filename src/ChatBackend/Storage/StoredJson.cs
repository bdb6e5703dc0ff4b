using System.Text.Json.Nodes;
using ChatBackend.Conversations;
using ChatBackend.Webhooks;
using ModelRiver.Wire.Json;

namespace ChatBackend.Storage;

/// <summary>
/// Rows hold records as JavaScript-exact JSON text: any string the app accepted (a lone surrogate included) comes
/// back unchanged, which binding it as SQLite UTF-8 text would not guarantee.
/// </summary>
internal static class StoredJson
{
    public static string Write(MessageRecord record) => JsJson.Stringify(new JsonObject
    {
        ["id"] = record.Id,
        ["prompt"] = record.Prompt,
        ["response"] = record.Response?.DeepClone(),
        ["created_at"] = record.CreatedAt,
        ["channel_id"] = record.ChannelId,
        ["conversation_id"] = record.ConversationId,
        ["usage"] = record.Usage?.DeepClone(),
    });

    public static MessageRecord ReadMessage(string text)
    {
        var json = (JsonObject)JsonTree.Parse(text)!;
        return new MessageRecord(
            Text(json, "id")!, Text(json, "prompt")!, Node(json, "response"), Text(json, "created_at")!,
            Text(json, "channel_id"), Text(json, "conversation_id"), Node(json, "usage"));
    }

    public static string Write(PendingRequest request) => JsJson.Stringify(new JsonObject
    {
        ["prompt"] = request.Prompt,
        ["timestamp"] = request.Timestamp,
        ["conversation_id"] = request.ConversationId,
        ["message_id"] = request.MessageId,
    });

    public static PendingRequest ReadPending(string text)
    {
        var json = (JsonObject)JsonTree.Parse(text)!;
        return new PendingRequest(Text(json, "prompt")!, json["timestamp"]!.GetValue<long>(), Text(json, "conversation_id")!, Text(json, "message_id")!);
    }

    private static string? Text(JsonObject json, string key) => JsTruthiness.AsString(json[key]);

    // A stored JSON null reads back as no value, as it was written.
    private static JsonNode? Node(JsonObject json, string key) =>
        json[key] is { } node && node.GetValueKind() != System.Text.Json.JsonValueKind.Null ? node.DeepClone() : null;
}
