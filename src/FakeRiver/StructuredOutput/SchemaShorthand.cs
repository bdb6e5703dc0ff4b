using System.Text.Json.Nodes;

namespace FakeRiver.StructuredOutput;

/// <summary>
/// Compiles the public chatbot example's schema shorthand to JSON Schema (draft-07). A structured output written as
/// <c>field: shorthand</c> pairs becomes an object with every field required and no other properties, matching how
/// ModelRiver treats the console's shorthand. Forms: <c>string</c>, <c>number</c>, <c>integer</c>, <c>boolean</c>,
/// <c>a | b | c</c> (string enum; values may be quoted), <c>array&lt;T&gt;</c>, <c>{name: T, ...}</c>, nested freely.
/// </summary>
internal static class SchemaShorthand
{
    public const string Draft07 = "http://json-schema.org/draft-07/schema#";

    /// <summary>
    /// Compiles a mapping of field -> shorthand. Each value is a shorthand string or a nested mapping of the same kind.
    /// </summary>
    /// <exception cref="SchemaShorthandException">A value does not parse; the message names the field.</exception>
    public static JsonObject Compile(JsonObject shorthand)
    {
        var schema = CompileObject(shorthand, prefix: "");
        var root = new JsonObject { ["$schema"] = Draft07 };
        foreach (var (key, value) in schema) root[key] = value?.DeepClone();
        return root;
    }

    /// <summary>Compiles one shorthand type expression, e.g. <c>array&lt;{task: string}&gt;</c>.</summary>
    /// <param name="field">Names the field in error messages.</param>
    /// <param name="shorthand">The type expression.</param>
    public static JsonObject CompileField(string field, string shorthand) =>
        new ShorthandParser(field, shorthand).ParseWhole();

    /// <summary>An object schema with every property required and no additional properties.</summary>
    public static JsonObject ObjectSchema(IEnumerable<KeyValuePair<string, JsonObject>> properties)
    {
        var props = new JsonObject();
        var required = new JsonArray();
        foreach (var (name, schema) in properties)
        {
            props[name] = schema;
            required.Add(name);
        }
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = props,
            ["required"] = required,
            ["additionalProperties"] = false,
        };
    }

    private static JsonObject CompileObject(JsonObject shorthand, string prefix)
    {
        var fields = new List<KeyValuePair<string, JsonObject>>();
        foreach (var (name, value) in shorthand)
        {
            var path = prefix + name;
            var schema = value switch
            {
                JsonObject nested => CompileObject(nested, path + "."),
                JsonValue text when text.TryGetValue<string>(out var s) => CompileField(path, s),
                _ => throw new SchemaShorthandException(
                    $"{path}: expected a shorthand string or a mapping, got {value?.ToJsonString() ?? "null"}"),
            };
            fields.Add(new(name, schema));
        }
        return ObjectSchema(fields);
    }
}
