using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.StructuredOutput;

namespace Contract.StructuredOutput.Gate;

/// <summary>
/// The gate as it was before it became incremental: it re-reads the whole prefix for every delta (O(text) each).
/// Kept only as the oracle of <see cref="IncrementalGateDifferentialTests"/>: the incremental gate must agree with it.
/// </summary>
internal sealed class WholeTextGateOracle(OutputValidator validator)
{
    public bool IsViable(JsonObject schema, string prefix, out string? violation)
    {
        violation = null;
        var bytes = Encoding.UTF8.GetBytes(prefix);
        var reader = new Utf8JsonReader(bytes, isFinalBlock: false, state: default);
        var stack = new Stack<PrefixFrame>();
        var rootDone = false;
        try
        {
            while (reader.Read())
            {
                violation = Step(ref reader, schema, stack);
                if (violation is not null) return false;
                rootDone = stack.Count == 0;
            }
        }
        catch (JsonException e)
        {
            violation = $"malformed JSON: {e.Message}";
            return false;
        }
        if (rootDone && bytes.AsSpan((int)reader.BytesConsumed).Trim(" \t\r\n"u8).Length > 0)
        {
            violation = "text after the JSON value";
            return false;
        }
        violation = CheckPartialToken(bytes.AsSpan((int)reader.BytesConsumed), schema, stack);
        return violation is null;
    }

    private string? Step(ref Utf8JsonReader reader, JsonObject root, Stack<PrefixFrame> stack)
    {
        var top = stack.Count > 0 ? stack.Peek() : null;
        var valueSchema = top is null ? root : top.NextValueSchema();
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                var name = reader.GetString()!;
                if (!top!.AllowsProperty(name, partial: false)) return $"property '{name}' is not allowed";
                top.Property = name;
                top.Seen.Add(name);
                return null;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                var isObject = reader.TokenType == JsonTokenType.StartObject;
                if (!TypeAllows(valueSchema, isObject ? "object" : "array")) return $"{(isObject ? "an object" : "an array")} is not allowed here";
                stack.Push(new PrefixFrame(isObject, Checkable(valueSchema) ? valueSchema : null));
                return null;
            case JsonTokenType.EndObject:
                var closed = stack.Pop();
                var missing = (closed.Schema?["required"] as JsonArray)?.Select(r => r?.GetValue<string>()).FirstOrDefault(r => r is not null && !closed.Seen.Contains(r));
                ValueDone(stack);
                return missing is null ? null : $"required property '{missing}' is missing";
            case JsonTokenType.EndArray:
                var array = stack.Pop();
                var minItems = array.Schema?["minItems"] is JsonValue min && min.TryGetValue<int>(out var m) ? m : 0;
                ValueDone(stack);
                return array.Items < minItems ? $"fewer than {minItems} items" : null;
            default:
                var error = CheckScalar(ref reader, valueSchema);
                ValueDone(stack);
                return error;
        }
    }

    private string? CheckScalar(ref Utf8JsonReader reader, JsonObject? schema)
    {
        if (!Checkable(schema)) return null;
        using var document = JsonDocument.ParseValue(ref reader);
        var value = JsonNode.Parse(document.RootElement.GetRawText());
        var errors = validator.Validate(value, schema!);
        return errors.Count == 0 ? null : $"value {document.RootElement.GetRawText()} breaks the schema: {errors[0].Message}";
    }

    /// <summary>The unfinished token at the end: a partial string must still fit a property name or an enum value.</summary>
    private static string? CheckPartialToken(ReadOnlySpan<byte> rest, JsonObject root, Stack<PrefixFrame> stack)
    {
        var text = Encoding.UTF8.GetString(rest).TrimStart(' ', '\t', '\r', '\n', ',', ':');
        if (text.Length == 0 || text[0] != '"' || text.Contains('\\')) return null;
        var content = text[1..];
        var complete = content.IndexOf('"');
        var partial = complete < 0;
        if (!partial) content = content[..complete];
        var top = stack.Count > 0 ? stack.Peek() : null;
        // In an object, a string is a property name until one has been read for the value that comes next.
        if (top is { IsObject: true, Property: null })
            return top.AllowsProperty(content, partial) ? null : $"no allowed property starts with '{content}'";
        var schema = top is null ? root : top.NextValueSchema();
        if (!TypeAllows(schema, "string")) return "a string is not allowed here";
        if (schema?["enum"] is JsonArray values && values.All(v => v is JsonValue s && s.GetValueKind() == JsonValueKind.String)
            && !values.Any(v => partial ? v!.GetValue<string>().StartsWith(content, StringComparison.Ordinal) : v!.GetValue<string>() == content))
            return $"'{content}' cannot become one of the enum values";
        return null;
    }

    private static void ValueDone(Stack<PrefixFrame> stack)
    {
        if (stack.Count == 0) return;
        var top = stack.Peek();
        if (top.IsObject) top.Property = null;
        else top.Items++;
    }

    /// <summary>Only plain sub-schemas are checked incrementally; references and combinators wait for the end.</summary>
    private static bool Checkable(JsonObject? schema) =>
        schema is not null && !schema.ContainsKey("$ref") && !schema.ContainsKey("anyOf") && !schema.ContainsKey("oneOf")
        && !schema.ContainsKey("allOf") && !schema.ContainsKey("not");

    private static bool TypeAllows(JsonObject? schema, string type)
    {
        if (!Checkable(schema) || schema!["type"] is not { } declared) return true;
        return declared switch
        {
            JsonValue single => single.GetValue<string>() == type || (type == "integer" && single.GetValue<string>() == "number"),
            JsonArray many => many.Any(t => t?.GetValue<string>() == type),
            _ => true,
        };
    }
}
