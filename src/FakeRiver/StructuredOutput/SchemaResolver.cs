using System.Text.Json.Nodes;

namespace FakeRiver.StructuredOutput;

/// <summary>
/// Reduces a schema to one concrete shape to generate from: follows local <c>$ref</c>s, folds <c>allOf</c> into one
/// schema, and picks one branch of <c>anyOf</c>/<c>oneOf</c> (with the parent's own keywords kept beside it).
/// </summary>
internal static class SchemaResolver
{
    private const int MaxSteps = 64;

    public static JsonObject Resolve(JsonNode? node, JsonObject root, FakeSource faker)
    {
        var schema = AsSchema(node);
        for (var step = 0; step < MaxSteps; step++)
        {
            if (schema["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var pointer))
            {
                schema = AsSchema(Dereference(root, pointer));
            }
            else if (schema["allOf"] is JsonArray allOf)
            {
                var merged = Without(schema, "allOf");
                foreach (var part in allOf) Merge(merged, Resolve(part, root, faker));
                schema = merged;
            }
            else if ((schema["anyOf"] ?? schema["oneOf"]) is JsonArray { Count: > 0 } choices)
            {
                var merged = Without(schema, "anyOf", "oneOf");
                Merge(merged, Resolve(faker.Pick<JsonNode?>(choices), root, faker));
                schema = merged;
            }
            else
            {
                return schema;
            }
        }
        throw new InvalidOperationException("The schema's $ref/allOf/anyOf chain does not end (a reference cycle?).");
    }

    /// <summary>Boolean schemas: <c>true</c> (and a missing schema) accept anything, so they act as <c>{}</c>.</summary>
    public static JsonObject AsSchema(JsonNode? node) => node as JsonObject ?? [];

    private static JsonNode? Dereference(JsonObject root, string pointer)
    {
        if (!pointer.StartsWith('#'))
            throw new NotSupportedException($"Only local references are supported, got \"{pointer}\".");
        JsonNode? current = root;
        foreach (var raw in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, out var index) && index < array.Count => array[index],
                _ => null,
            };
            if (current is null) throw new InvalidOperationException($"The reference \"{pointer}\" points nowhere.");
        }
        return current;
    }

    private static JsonObject Without(JsonObject schema, params string[] keys)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in schema)
        {
            if (!keys.Contains(key)) copy[key] = value?.DeepClone();
        }
        return copy;
    }

    /// <summary>Overlays <paramref name="part"/>: properties and required are united, other keywords take the part's value.</summary>
    private static void Merge(JsonObject into, JsonObject part)
    {
        foreach (var (key, value) in part)
        {
            if (key == "properties" && value is JsonObject props && into[key] is JsonObject existing)
            {
                foreach (var (name, sub) in props) existing[name] = sub?.DeepClone();
            }
            else if (key == "required" && value is JsonArray names && into[key] is JsonArray have)
            {
                var known = have.Select(n => n?.ToJsonString()).ToHashSet();
                foreach (var name in names)
                {
                    if (known.Add(name?.ToJsonString())) have.Add(name?.DeepClone());
                }
            }
            else
            {
                into[key] = value?.DeepClone();
            }
        }
    }
}
