using System.Text.Json.Nodes;

namespace FakeRiver.StructuredOutput;

/// <summary>Walks one schema, drawing every choice from one seeded <see cref="FakeSource"/>. One instance per value.</summary>
internal sealed class FakeValueWriter(JsonObject root, FakeSource faker)
{
    /// <summary>Past this depth optional properties and optional items are left out, so recursive schemas end.</summary>
    private const int Shallow = 6;
    private const int MaxDepth = 48;

    private static readonly string[] TypeOrder = ["object", "array", "string", "number", "integer", "boolean", "null"];

    public JsonNode? Write(JsonNode? node, string hint, int depth)
    {
        if (depth > MaxDepth) throw new InvalidOperationException("The schema nests too deeply to generate (a required recursive property?).");
        var schema = SchemaResolver.Resolve(node, root, faker);
        if (schema.TryGetPropertyValue("const", out var constant)) return constant?.DeepClone();
        if (schema["enum"] is JsonArray { Count: > 0 } values) return faker.Pick<JsonNode?>(values)?.DeepClone();

        return PickType(schema, depth) switch
        {
            "object" => WriteObject(schema, depth),
            "array" => WriteArray(schema, hint, depth),
            "number" => FakeNumber.Generate(schema, hint, integer: false, faker),
            "integer" => FakeNumber.Generate(schema, hint, integer: true, faker),
            "boolean" => JsonValue.Create(faker.Random.Bool()),
            "null" => null,
            _ => JsonValue.Create(FakeText.Generate(schema, hint, faker)),
        };
    }

    private string PickType(JsonObject schema, int depth)
    {
        switch (schema["type"])
        {
            case JsonValue single when single.TryGetValue<string>(out var type):
                return type;
            case JsonArray { Count: > 0 } types:
                var names = types.Select(t => t?.GetValue<string>() ?? "null").OrderBy(t => Array.IndexOf(TypeOrder, t)).ToList();
                // Deep in a recursive schema, null (when allowed) is the way out.
                return depth > Shallow && names.Contains("null") ? "null" : faker.Pick(names);
        }
        if (schema.ContainsKey("properties") || schema.ContainsKey("required") || schema.ContainsKey("additionalProperties")) return "object";
        if (schema.ContainsKey("items") || schema.ContainsKey("minItems")) return "array";
        if (schema.ContainsKey("minimum") || schema.ContainsKey("maximum") || schema.ContainsKey("multipleOf")) return "number";
        return "string";
    }

    private JsonObject WriteObject(JsonObject schema, int depth)
    {
        var properties = schema["properties"] as JsonObject ?? [];
        var required = (schema["required"] as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? "").ToList();
        var minProperties = SchemaNumber.GetInt(schema, "minProperties") ?? 0;
        var maxProperties = SchemaNumber.GetInt(schema, "maxProperties") ?? int.MaxValue;
        var optionalRoom = maxProperties - required.Distinct().Count();

        // Decide first which optional properties appear, then write in schema order so output reads naturally.
        var chosen = new HashSet<string>(required, StringComparer.Ordinal);
        var optional = properties.Select(p => p.Key).Where(k => !chosen.Contains(k)).ToList();
        foreach (var name in optional)
        {
            var room = chosen.Count - required.Count < optionalRoom;
            var needed = chosen.Count < minProperties;
            if (room && (needed || (depth <= Shallow && faker.Random.Bool(0.7f)))) chosen.Add(name);
        }

        var result = new JsonObject();
        foreach (var (name, sub) in properties)
        {
            if (chosen.Contains(name)) result[name] = Write(sub, name, depth + 1);
        }
        // Required names the properties do not describe, and padding up to minProperties, follow additionalProperties.
        var extra = schema["additionalProperties"] as JsonObject;
        foreach (var name in required.Where(n => !result.ContainsKey(n)))
            result[name] = Write(extra, name, depth + 1);
        for (var i = 0; result.Count < minProperties && schema["additionalProperties"] is not JsonValue; i++)
            result[$"extra_{i}"] = Write(extra, "extra", depth + 1);
        return result;
    }

    private JsonArray WriteArray(JsonObject schema, string hint, int depth)
    {
        var result = new JsonArray();
        if (schema["items"] is JsonArray tuple)
        {
            // Draft-07 tuple form: one schema per position.
            foreach (var position in tuple) result.Add(Write(position, hint, depth + 1));
            return result;
        }
        var min = SchemaNumber.GetInt(schema, "minItems") ?? 0;
        var max = SchemaNumber.GetInt(schema, "maxItems") ?? Math.Max(min + 2, 3);
        var low = Math.Min(Math.Max(min, depth > Shallow ? min : 1), max);
        var count = faker.Random.Int(low, Math.Max(low, max));
        var unique = SchemaNumber.GetBool(schema, "uniqueItems");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var tries = 0; result.Count < count && tries < count * 20; tries++)
        {
            var item = Write(schema["items"], hint, depth + 1);
            // uniqueItems: draw again on a repeat; small enums may run out, leaving fewer (still valid if >= minItems).
            if (unique && !seen.Add(item?.ToJsonString() ?? "null")) continue;
            result.Add(item);
        }
        return result;
    }
}
