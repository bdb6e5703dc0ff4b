using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeRiver.Requests;

/// <summary>
/// One value read from a pooled payload document, kept as text (the document goes back to the pool) until a
/// <see cref="ResponseEventData"/> builds its node: a string's value, any other value's own JSON text, or nothing
/// for null and absent.
/// </summary>
internal readonly record struct PayloadField(JsonValueKind Kind, string? Text)
{
    /// <summary>The field <paramref name="name"/> of <paramref name="parent"/>; absent reads as null.</summary>
    public static PayloadField Read(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? Of(value) : default;

    private static PayloadField Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new(JsonValueKind.String, value.GetString()),
        JsonValueKind.Null or JsonValueKind.Undefined => default,
        _ => new(value.ValueKind, value.GetRawText()),
    };

    /// <summary>
    /// The value as its own, fully built node: the event's data is read by telemetry and serialized by dashboards on
    /// other threads, so nothing in it may be left to a parsed node's own lazy, unlocked materialization.
    /// </summary>
    public JsonNode? ToNode()
    {
        switch (Kind)
        {
            case JsonValueKind.String:
                return JsonValue.Create(Text);
            case JsonValueKind.Object or JsonValueKind.Array:
                using (var document = JsonDocument.Parse(Text!)) return Node(document.RootElement);
            case JsonValueKind.Undefined:
                return null;
            default:
                // Numbers and booleans: a node over a copy of their own text, as DeepClone of a parsed node gave.
                return JsonNode.Parse(Text!);
        }
    }

    private static JsonNode? Node(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return JsonValue.Create(value.GetString());
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in value.EnumerateObject()) obj[property.Name] = Node(property.Value);
                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in value.EnumerateArray()) array.Add(Node(item));
                return array;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            default:
                return JsonNode.Parse(value.GetRawText());
        }
    }
}
