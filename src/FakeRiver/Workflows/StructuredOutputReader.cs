using System.Text.Json.Nodes;
using FakeRiver.StructuredOutput;
using NJsonSchema;
using YamlDotNet.RepresentationModel;

namespace FakeRiver.Workflows;

/// <summary>
/// Reads one structured output: full JSON Schema, or the shorthand mapping of the public example. A mapping is full
/// JSON Schema when it has <c>$schema</c>, <c>$ref</c> or <c>properties</c>, or a <c>type</c> that names a JSON
/// type; otherwise each key is a field and each value a shorthand (or a nested mapping of them).
/// </summary>
internal static class StructuredOutputReader
{
    private static readonly HashSet<string> JsonTypes = ["object", "array", "string", "number", "integer", "boolean", "null"];

    public static JsonObject? Read(YamlNode node, string path, ConfigReader reader)
    {
        if (node is not YamlMappingNode mapping)
        {
            reader.Fail(node, path, $"expected a JSON Schema or a shorthand mapping, got {ConfigReader.Describe(node)}");
            return null;
        }
        var schema = IsFullSchema(mapping) ? ReadFull(mapping, path, reader) : ReadShorthand(mapping, path, reader, top: true);
        if (schema is not null && SchemaLimits.Check(schema) is { } over)
        {
            reader.Fail(mapping, path, $"over the schema limit {over.Limit}: {over.Message}");
            return null;
        }
        return schema;
    }

    private static bool IsFullSchema(YamlMappingNode mapping)
    {
        if (new[] { "$schema", "$ref", "properties" }.Any(k => ConfigReader.Child(mapping, k) is not null)) return true;
        return ConfigReader.Child(mapping, "type") switch
        {
            YamlScalarNode { Value: { } type } => JsonTypes.Contains(type),
            YamlSequenceNode => true,
            _ => false,
        };
    }

    private static JsonObject? ReadFull(YamlMappingNode mapping, string path, ConfigReader reader)
    {
        var schema = (JsonObject)YamlJson.ToJson(mapping)!;
        if (!TypesAreKnown(mapping, path, reader)) return null;
        try
        {
            // Parse it now so a broken schema stops start-up here, not at the first request.
            _ = JsonSchema.FromJsonAsync(schema.ToJsonString()).GetAwaiter().GetResult();
            return schema;
        }
        catch (Exception e) when (e is InvalidOperationException or Newtonsoft.Json.JsonException or ArgumentException or NotSupportedException)
        {
            reader.Fail(mapping, path, $"not a usable JSON Schema: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// NJsonSchema accepts a misspelt <c>type</c> and then validates nothing, so check every <c>type</c> keyword here,
    /// pointing at its line. Values of data keywords (enum, const, default, examples) are data, not schemas.
    /// </summary>
    private static bool TypesAreKnown(YamlNode node, string path, ConfigReader reader)
    {
        var ok = true;
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (keyNode, value) in map.Children)
                {
                    var key = (keyNode as YamlScalarNode)?.Value ?? "";
                    var childPath = ConfigReader.Join(path, key);
                    if (key is "enum" or "const" or "default" or "examples") continue;
                    if (key == "type" && value is not YamlMappingNode) ok &= TypeIsKnown(value, childPath, reader);
                    else ok &= TypesAreKnown(value, childPath, reader);
                }
                break;
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++) ok &= TypesAreKnown(list.Children[i], $"{path}[{i}]", reader);
                break;
        }
        return ok;
    }

    private static bool TypeIsKnown(YamlNode value, string path, ConfigReader reader)
    {
        var names = value is YamlSequenceNode list ? list.Children : [value];
        foreach (var name in names)
        {
            if (name is YamlScalarNode { Value: { } type } && JsonTypes.Contains(type)) continue;
            reader.Fail(name, path, $"expected a JSON type ({string.Join(", ", JsonTypes)}), got {ConfigReader.Describe(name)}");
            return false;
        }
        return true;
    }

    private static JsonObject? ReadShorthand(YamlMappingNode mapping, string path, ConfigReader reader, bool top)
    {
        var fields = new List<KeyValuePair<string, JsonObject>>();
        var ok = true;
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var fieldPath = ConfigReader.Join(path, key);
            var compiled = value switch
            {
                YamlScalarNode { Value: { Length: > 0 } text } => Compile(key, text, value, fieldPath, reader),
                YamlMappingNode nested => ReadShorthand(nested, fieldPath, reader, top: false),
                _ => Fail(value, fieldPath, reader),
            };
            if (compiled is null) ok = false;
            else fields.Add(new(key, compiled));
        }
        if (fields.Count == 0 && ok)
        {
            reader.Fail(mapping, path, "expected at least one field");
            return null;
        }
        if (!ok) return null;
        var schema = SchemaShorthand.ObjectSchema(fields);
        if (top) schema.Insert(0, "$schema", SchemaShorthand.Draft07);
        return schema;
    }

    private static JsonObject? Compile(string field, string text, YamlNode node, string path, ConfigReader reader)
    {
        try
        {
            return SchemaShorthand.CompileField(field, text);
        }
        catch (SchemaShorthandException e)
        {
            reader.Fail(node, path, $"expected {e.Expected} at position {e.Position} in \"{e.Shorthand}\"");
            return null;
        }
    }

    private static JsonObject? Fail(YamlNode node, string path, ConfigReader reader)
    {
        reader.Fail(node, path, $"expected a shorthand such as \"string\", \"a | b\" or \"array<string>\", got {ConfigReader.Describe(node)}");
        return null;
    }
}
