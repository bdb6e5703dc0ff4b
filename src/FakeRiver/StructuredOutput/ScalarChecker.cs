using System.Text.Json.Nodes;
using NJsonSchema;

namespace FakeRiver.StructuredOutput;

/// <summary>
/// Checks one completed scalar against its sub-schema. A schema that only declares a type or a string enum (plus
/// annotations) is answered directly; anything else goes to NJsonSchema, with the parsed sub-schema kept per session so
/// the cost per scalar does not grow with the schema's text.
/// </summary>
internal sealed class ScalarChecker(OutputValidator validator)
{
    private static readonly HashSet<string> Annotations = ["type", "description", "title", "$comment", "examples", "default"];

    private readonly Dictionary<JsonObject, JsonSchema> _parsed = new(ReferenceEqualityComparer.Instance);

    /// <summary>Null when the scalar fits; else why not.</summary>
    public string? Check(string text, JsonScalarKind kind, JsonObject schema)
    {
        if (FitsTypeOnly(text, kind, schema)) return null;
        var value = kind == JsonScalarKind.String ? JsonValue.Create(text) : JsonNode.Parse(text);
        if (!_parsed.TryGetValue(schema, out var parsed)) _parsed[schema] = parsed = validator.Parse(schema);
        var errors = validator.Validate(value, parsed);
        return errors.Count == 0 ? null : $"value {value?.ToJsonString() ?? "null"} breaks the schema: {errors[0].Message}";
    }

    private static bool FitsTypeOnly(string text, JsonScalarKind kind, JsonObject schema)
    {
        foreach (var (key, _) in schema)
        {
            if (!Annotations.Contains(key) && key != "enum") return false;
        }
        // A string enum (the most common constraint on structured output) is answered here too.
        if (schema["enum"] is JsonArray values)
        {
            return kind == JsonScalarKind.String && values.Any(v => v is JsonValue s && s.GetValueKind() == System.Text.Json.JsonValueKind.String && s.GetValue<string>() == text)
                && (schema["type"] is null || (schema["type"] is JsonValue t && t.TryGetValue<string>(out var named) && named == "string"));
        }
        if (schema["type"] is not JsonValue declared || !declared.TryGetValue<string>(out var type)) return false;
        return (type, kind) switch
        {
            ("string", JsonScalarKind.String) or ("boolean", JsonScalarKind.Boolean) or ("null", JsonScalarKind.Null)
                or ("number", JsonScalarKind.Number) => true,
            ("integer", JsonScalarKind.Number) => text.AsSpan().IndexOfAny('.', 'e', 'E') < 0,
            _ => false,
        };
    }
}
