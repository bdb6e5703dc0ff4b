using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRiver.Wire.Json;

/// <summary>
/// Parses JSON text into a fully built JsonNode tree whose strings are decoded the JavaScript way (lone surrogates
/// kept). JsonNode.Parse builds lazily and throws on first access to a duplicate key or a lone-surrogate string,
/// which would surface as a 500 deep inside a handler; here such input fails (duplicates) or works (surrogates) up front.
/// </summary>
public static class JsonTree
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="JsonException"/> when it is not strict JSON.</summary>
    public static JsonNode? Parse(string text)
    {
        using var document = StrictJson.Parse(text);
        return Build(document.RootElement);
    }

    private static JsonNode? Build(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => BuildObject(element),
        JsonValueKind.Array => new JsonArray(element.EnumerateArray().Select(Build).ToArray()),
        JsonValueKind.String => JsonValue.Create(JsString.DecodeRaw(element.GetRawText())),
        // Numbers keep their element (hence their exact text) so JsJson prints them as JavaScript would.
        JsonValueKind.Number => JsonValue.Create(element.Clone()),
        JsonValueKind.True => JsonValue.Create(true),
        JsonValueKind.False => JsonValue.Create(false),
        _ => null,
    };

    private static JsonObject BuildObject(JsonElement element)
    {
        var json = new JsonObject();
        foreach (var property in element.EnumerateObject())
        {
            var name = JsString.DecodeRaw("\"" + Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8PropertyName(property)) + "\"");
            json[name] = Build(property.Value);
        }
        return json;
    }
}
