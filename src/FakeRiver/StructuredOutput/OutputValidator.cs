using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace FakeRiver.StructuredOutput;

/// <summary>
/// Validates provider output against a workflow's JSON Schema with NJsonSchema. Parsed schemas are cached by their
/// JSON text, since every attempt of every request validates against one of a handful of schemas. Thread-safe.
/// </summary>
internal sealed class OutputValidator
{
    private readonly ConcurrentDictionary<string, Lazy<JsonSchema>> _schemas = new(StringComparer.Ordinal);

    /// <summary>The violations of <paramref name="output"/>; empty when it is valid.</summary>
    public IReadOnlyList<OutputError> Validate(JsonNode? output, JsonObject schema) => Validate(output, Parse(schema));

    /// <summary>The violations against an already parsed schema (callers that keep one skip the cache lookup).</summary>
    public IReadOnlyList<OutputError> Validate(JsonNode? output, JsonSchema parsed)
    {
        var errors = parsed.Validate(output?.ToJsonString() ?? "null");
        var result = new List<OutputError>();
        Flatten(errors, result);
        return result;
    }

    public bool IsValid(JsonNode? output, JsonObject schema) => Validate(output, schema).Count == 0;

    /// <summary>Parses (once) a schema; throws when it is not a usable JSON Schema.</summary>
    public JsonSchema Parse(JsonObject schema)
    {
        var text = schema.ToJsonString();
        // FromJsonAsync only resolves local references here, so blocking on it does not wait on I/O.
        return _schemas.GetOrAdd(text, t => new Lazy<JsonSchema>(() => JsonSchema.FromJsonAsync(t).GetAwaiter().GetResult())).Value;
    }

    /// <summary>
    /// Errors inside array items and additional properties arrive wrapped in a parent that only says "item not
    /// valid": report the inner errors alone. anyOf/oneOf failures keep the parent and add each branch's reasons.
    /// </summary>
    private static void Flatten(IEnumerable<ValidationError> errors, List<OutputError> into)
    {
        foreach (var error in errors)
        {
            var wrapper = error is ChildSchemaValidationError && error.Kind is ValidationErrorKind.ArrayItemNotValid
                or ValidationErrorKind.AdditionalItemNotValid or ValidationErrorKind.AdditionalPropertiesNotValid;
            if (!wrapper) into.Add(new OutputError(ToJsonPath(error.Path), Describe(error)));
            if (error is ChildSchemaValidationError child)
            {
                foreach (var branch in child.Errors.Values) Flatten(branch, into);
            }
        }
    }

    private static string Describe(ValidationError error) =>
        error.Property is { Length: > 0 } property && error.Kind is ValidationErrorKind.PropertyRequired or ValidationErrorKind.NoAdditionalPropertiesAllowed
            ? $"{error.Kind} ({property})"
            : error.Kind.ToString();

    /// <summary>NJsonSchema writes <c>#/a.b[0]</c>; callers read JSONPath-style <c>$.a.b[0]</c>.</summary>
    private static string ToJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "#") return "$";
        var rest = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        return rest.StartsWith('[') ? "$" + rest : "$." + rest;
    }
}
