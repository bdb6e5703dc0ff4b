using System.Text.Json.Nodes;

namespace FakeRiver.StructuredOutput;

/// <summary>
/// Follows a schema the way <see cref="FakeValueWriter"/> generates from it (items, properties, local <c>$ref</c>s,
/// combinators) multiplying the most values each level can produce, and rejects a path whose product passes
/// <see cref="SchemaLimits.MaxGeneratedSize"/>. A <c>$ref</c> cycle whose required values multiply (minItems or
/// minProperties of 2 or more on the way round) would grow exponentially with the generator's depth: rejected too.
/// </summary>
internal sealed class GeneratedSizeWalk(JsonObject root)
{
    private const int MaxSteps = 100_000;

    private readonly Dictionary<string, long> _refsOnPath = new(StringComparer.Ordinal);
    private int _steps;

    public SchemaLimitViolation? Check() => Walk(root, 1, 1);

    /// <param name="node">The schema node to walk.</param>
    /// <param name="most">Product of the most values each enclosing level can generate.</param>
    /// <param name="least">Product of the fewest values each enclosing level must generate (for cycles).</param>
    private SchemaLimitViolation? Walk(JsonNode? node, long most, long least)
    {
        if (node is not JsonObject schema) return null;
        // The limits on keywords hold already, so the walk is bounded; this only caps wide, repeated references.
        if (++_steps > MaxSteps) return new("MaxGeneratedSize", $"the schema is too large to bound (over {MaxSteps} sub-schemas to visit)");
        if (schema["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var pointer)) return Follow(pointer, most, least);

        var minLength = Number(schema, "minLength") ?? 0;
        if (most * Math.Max(1, minLength) > SchemaLimits.MaxGeneratedSize)
            return new("MaxGeneratedSize", $"one output could hold over {SchemaLimits.MaxGeneratedSize} values or characters (nested minItems/maxItems x minLength)");

        var (itemsMost, itemsLeast) = Items(schema);
        var propsLeast = Math.Max(1, Number(schema, "minProperties") ?? 0);
        foreach (var (key, value) in schema)
        {
            var result = key switch
            {
                "items" when value is JsonArray tuple => WalkAll(tuple, most, least),
                "items" => Walk(value, Times(most, itemsMost), least * itemsLeast),
                "properties" when value is JsonObject properties => WalkAll(properties.Select(p => p.Value), most, least),
                "additionalProperties" => Walk(value, Times(most, propsLeast), least * propsLeast),
                "allOf" or "anyOf" or "oneOf" when value is JsonArray branches => WalkAll(branches, most, least),
                _ => null,
            };
            if (result is not null) return result;
        }
        return null;
    }

    private SchemaLimitViolation? WalkAll(IEnumerable<JsonNode?> nodes, long most, long least)
    {
        foreach (var node in nodes)
        {
            if (Walk(node, most, least) is { } violation) return violation;
        }
        return null;
    }

    private SchemaLimitViolation? Follow(string pointer, long most, long least)
    {
        if (_refsOnPath.TryGetValue(pointer, out var leastAtEntry))
        {
            return least >= 2 * leastAtEntry
                ? new("MaxGeneratedSize", $"the reference cycle through {pointer} requires more values each time round")
                : null;
        }
        if (Resolve(pointer) is not { } target) return null; // a dangling reference fails elsewhere, not here
        _refsOnPath[pointer] = least;
        var result = Walk(target, most, least);
        _refsOnPath.Remove(pointer);
        return result;
    }

    /// <summary>How many items an array level generates at most and at least (as <see cref="FakeValueWriter"/> picks).</summary>
    private static (long Most, long Least) Items(JsonObject schema)
    {
        var min = Number(schema, "minItems") ?? 0;
        var max = Number(schema, "maxItems") ?? Math.Max(min + 2, 3);
        return (Math.Max(1, Math.Max(min, max)), Math.Max(1, min));
    }

    private static long Times(long a, long b) => a > SchemaLimits.MaxGeneratedSize ? a : a * b;

    private static long? Number(JsonObject schema, string keyword) =>
        SchemaNumber.GetDouble(schema, keyword) is { } n ? (long)Math.Clamp(n, 0, SchemaLimits.MaxGeneratedSize + 1) : null;

    private JsonNode? Resolve(string pointer)
    {
        if (!pointer.StartsWith('#')) return null;
        JsonNode? current = root;
        foreach (var raw in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            if (current is null) return null;
        }
        return current;
    }
}
