using System.Text.Json.Nodes;
using NJsonSchema;

namespace FakeRiver.StructuredOutput;

/// <summary>
/// Checks one completed scalar against its sub-schema. A schema that only declares a type (plus annotations) is
/// answered from the token kind; anything else goes to NJsonSchema, with the parsed sub-schema kept per session so
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
        if (schema.Any(p => !Annotations.Contains(p.Key))) return false;
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
