using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRiver.Wire.Json;

/// <summary>
/// Parses a request body the way the gateway's JSON decoder does: strict JSON, no duplicate keys, valid UTF-8, no
/// lone surrogate escapes, finite numbers. Unlike <see cref="JsonTree"/> (which keeps lone surrogates, as JavaScript
/// does), such text is refused here. The tree is fully built before it is returned, so no handler meets a bad value
/// later (JsonNode.Parse builds lazily and would throw on first access, after state had already moved).
/// </summary>
public static class WellFormedJson
{
    /// <summary>Deepest nesting accepted; deeper text is refused while parsing.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false, MaxDepth = MaxDepth };

    /// <summary>Parses <paramref name="utf8"/>; throws <see cref="JsonException"/> naming the first problem.</summary>
    public static JsonNode? Parse(ReadOnlyMemory<byte> utf8)
    {
        using var document = StrictJson.Parse(utf8, Options);
        return Build(document.RootElement, JsonPath.Root);
    }

    private static JsonNode? Build(JsonElement element, JsonPath path) => element.ValueKind switch
    {
        JsonValueKind.Object => BuildObject(element, path),
        JsonValueKind.Array => BuildArray(element, path),
        JsonValueKind.String => JsonValue.Create(ReadString(element, path)),
        JsonValueKind.Number => BuildNumber(element, path),
        JsonValueKind.True => JsonValue.Create(true),
        JsonValueKind.False => JsonValue.Create(false),
        _ => null,
    };

    private static JsonObject BuildObject(JsonElement element, JsonPath path)
    {
        var json = new JsonObject();
        foreach (var property in element.EnumerateObject())
        {
            var name = ReadName(property, path);
            json[name] = Build(property.Value, path.Property(name));
        }
        return json;
    }

    private static JsonArray BuildArray(JsonElement element, JsonPath path)
    {
        var array = new JsonArray();
        var index = 0;
        foreach (var item in element.EnumerateArray()) array.Add(Build(item, path.Item(index++)));
        return array;
    }

    // Numbers keep their element (hence their exact text) so JsJson prints them as JavaScript would.
    private static JsonValue BuildNumber(JsonElement element, JsonPath path) =>
        element.TryGetDouble(out var value) && double.IsFinite(value)
            ? JsonValue.Create(element.Clone())!
            : throw new JsonException($"The number at {path} is out of range.");

    // GetString throws InvalidOperationException for invalid UTF-8 and for lone surrogate escapes such as "\ud800".
    private static string ReadString(JsonElement element, JsonPath path)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException($"The string at {path} is not valid Unicode (invalid UTF-8 or a lone surrogate escape).");
        }
    }

    private static string ReadName(JsonProperty property, JsonPath path)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException($"A property name in {path} is not valid Unicode (invalid UTF-8 or a lone surrogate escape).");
        }
    }
}
