using System.Text.Json.Nodes;

namespace FakeRiver.StructuredOutput;

/// <summary>One open object or array while a JSON prefix is read, with the schema that governs it.</summary>
internal sealed class PrefixFrame(bool isObject, JsonObject? schema)
{
    public bool IsObject { get; } = isObject;

    public JsonObject? Schema { get; } = schema;

    /// <summary>The property whose value comes next (objects only).</summary>
    public string? Property { get; set; }

    public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

    public int Items { get; set; }

    /// <summary>Read once when the array opens, not per item.</summary>
    public int MinItems { get; } = IntKeyword(schema, "minItems") ?? 0;

    public int MaxItems { get; } = IntKeyword(schema, "maxItems") ?? int.MaxValue;

    /// <summary>Schema of the value that comes next in this container; null means anything goes.</summary>
    public JsonObject? NextValueSchema()
    {
        if (Schema is null) return null;
        if (!IsObject) return Schema["items"] as JsonObject;
        if (Property is not null && Schema["properties"]?[Property] is JsonObject declared) return declared;
        return Schema["additionalProperties"] as JsonObject;
    }

    /// <summary>Whether the schema admits a property of this name (or, when partial, of a name starting so).</summary>
    public bool AllowsProperty(string name, bool partial)
    {
        if (!IsClosed()) return true;
        if (Schema!["properties"] is not JsonObject properties) return false;
        return properties.Any(p => partial ? p.Key.StartsWith(name, StringComparison.Ordinal) : p.Key == name);
    }

    /// <summary>The only names allowed when <c>additionalProperties</c> is false; null when any name may come.</summary>
    public IEnumerable<string>? ClosedPropertyNames() =>
        !IsClosed() ? null : (Schema!["properties"] as JsonObject)?.Select(p => p.Key) ?? [];

    private bool IsClosed() =>
        Schema is not null && Schema["additionalProperties"] is JsonValue closed && closed.TryGetValue<bool>(out var open) && !open;

    private static int? IntKeyword(JsonObject? schema, string keyword) =>
        SchemaNumber.GetDouble(schema, keyword) is { } number ? (int)Math.Clamp(Math.Ceiling(number), 0, int.MaxValue) : null;
}
