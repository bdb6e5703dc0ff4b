using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRiver.Wire.Json;

namespace ChatBackend.Webhooks;

/// <summary>JavaScript's truthiness for parsed JSON: the example's <c>a || b</c> fallbacks depend on it.</summary>
internal static class JsTruthiness
{
    public static bool IsTruthy(JsonNode? node) => node switch
    {
        null => false,
        JsonObject or JsonArray => true,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.String => AsString(value)!.Length > 0,
            // A number too large for a double is non-zero, hence truthy.
            JsonValueKind.Number => !value.TryGetValue(out double number) || number is not 0 and not double.NaN,
            _ => true,
        },
        _ => true,
    };

    public static bool IsTruthy(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.False or JsonValueKind.Null => false,
        JsonValueKind.String => !element.ValueEquals(string.Empty),
        JsonValueKind.Number => !element.TryGetDouble(out var number) || number is not 0 and not double.NaN,
        _ => true,
    };

    /// <summary>The first truthy node, or null: JavaScript's <c>a || b || c</c> where undefined prints as nothing.</summary>
    public static JsonNode? Or(params ReadOnlySpan<JsonNode?> nodes)
    {
        foreach (var node in nodes)
        {
            if (IsTruthy(node)) return node;
        }
        return null;
    }

    /// <summary>The node as a string when it is a JSON string, else null.</summary>
    public static string? AsString(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String) return null;
        // Parsed strings are decoded from their raw text: GetValue<string> throws on a lone surrogate, JavaScript does not.
        return value.TryGetValue<JsonElement>(out var element) ? JsString.DecodeRaw(element.GetRawText()) : value.GetValue<string>();
    }
}
