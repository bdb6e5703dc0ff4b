using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRiver.Wire.Json;

/// <summary>
/// Prints JSON exactly as JavaScript's <c>JSON.stringify(JSON.parse(text))</c> does. Webhook signatures are computed
/// over this text by Node receivers, so System.Text.Json's own writer (which escapes differently and formats numbers
/// as .NET does) cannot be used for signed content. See README.md, Troubleshooting.
/// </summary>
public static class JsJson
{
    /// <summary>JSON.stringify of a node; a null node prints <c>null</c>.</summary>
    public static string Stringify(JsonNode? node)
    {
        var output = StringBuilderCache.Acquire();
        WriteNode(node, output);
        return StringBuilderCache.Release(output);
    }

    /// <summary>
    /// JSON.stringify of an object, and the exact slice of that text which is the value of <paramref name="key"/>
    /// (<c>"null"</c> when absent): what <c>Stringify(obj[key])</c> prints, taken from the one printing instead of
    /// printing the value twice. A webhook signs its body's <c>data</c> this way.
    /// </summary>
    public static string Stringify(JsonObject obj, string key, out string valueText)
    {
        if (HasIndexKey(obj))
        {
            valueText = Stringify(obj[key]);
            return Stringify(obj);
        }
        var output = StringBuilderCache.Acquire();
        int start = -1, end = -1;
        output.Append('{');
        for (var i = 0; i < obj.Count; i++)
        {
            if (i > 0) output.Append(',');
            var (name, value) = obj.GetAt(i);
            JsString.Write(name, output);
            output.Append(':');
            var isKey = string.Equals(name, key, StringComparison.Ordinal);
            if (isKey) start = output.Length;
            WriteNode(value, output);
            if (isKey) end = output.Length;
        }
        output.Append('}');
        valueText = start < 0 ? "null" : output.ToString(start, end - start);
        return StringBuilderCache.Release(output);
    }

    /// <summary>JSON.stringify of a parsed element; reads raw token text so lone surrogates survive.</summary>
    public static string Stringify(JsonElement element)
    {
        var output = new StringBuilder();
        WriteElement(element, output);
        return output.ToString();
    }

    /// <summary>Exactly <c>JSON.stringify(JSON.parse(jsonText))</c>.</summary>
    public static string Normalize(string jsonText)
    {
        using var document = JsonDocument.Parse(jsonText);
        return Stringify(document.RootElement);
    }

    internal static void WriteNode(JsonNode? node, StringBuilder output)
    {
        switch (node)
        {
            case null:
                output.Append("null");
                break;
            case JsonObject obj when HasIndexKey(obj):
                WriteIndexedObject(obj, output);
                break;
            case JsonObject obj:
                // No array-index key: JSON.stringify's order is the insertion order (JsKeyOrder), and a JsonObject's
                // keys are unique, so print straight through. This is the common case, and the hot one: every
                // webhook body is printed here (tests/Perf/results/profile-accept.md).
                // By index: enumerating a JsonObject boxes an enumerator per object.
                output.Append('{');
                for (var i = 0; i < obj.Count; i++)
                {
                    if (i > 0) output.Append(',');
                    var (key, value) = obj.GetAt(i);
                    JsString.Write(key, output);
                    output.Append(':');
                    WriteNode(value, output);
                }
                output.Append('}');
                break;
            case JsonArray array:
                output.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) output.Append(',');
                    WriteNode(array[i], output);
                }
                output.Append(']');
                break;
            case JsonValue value:
                WriteValue(value, output);
                break;
        }
    }

    // A method of its own: the closures capture output, and a captured parameter costs a closure object on every
    // call of the method that holds it, taken or not.
    private static void WriteIndexedObject(JsonObject obj, StringBuilder output) =>
        WriteObject(obj.Select(p => (p.Key, (Action)(() => WriteNode(p.Value, output)))), output);

    private static bool HasIndexKey(JsonObject obj)
    {
        for (var i = 0; i < obj.Count; i++)
        {
            if (JsKeyOrder.IsArrayIndex(obj.GetAt(i).Key)) return true;
        }
        return false;
    }

    private static void WriteValue(JsonValue value, StringBuilder output)
    {
        // Parsed nodes wrap a JsonElement: go through its raw text (exact number text, lone surrogates kept).
        if (value.TryGetValue<JsonElement>(out var element)) WriteElement(element, output);
        else if (value.TryGetValue<string>(out var text)) JsString.Write(text, output);
        else if (value.TryGetValue<double>(out var number)) JsNumber.Write(number, output);
        else if (value.TryGetValue<float>(out var single) && !float.IsFinite(single)) output.Append("null");
        // Integers and booleans built in code (durations, token counts, flags): printed directly. A long goes to
        // the nearest double, as JSON.parse of its text would (the reprint below gave the same).
        else if (value.TryGetValue<int>(out var int32)) JsNumber.Write(int32, output);
        else if (value.TryGetValue<long>(out var int64)) JsNumber.Write(int64, output);
        else if (value.TryGetValue<bool>(out var flag)) output.Append(flag ? "true" : "false");
        else
        {
            // Anything else (ints, decimals, bools, dates, ...): let System.Text.Json write its JSON, then reprint it.
            using var document = JsonDocument.Parse(value.ToJsonString());
            WriteElement(document.RootElement, output);
        }
    }

    private static void WriteElement(JsonElement element, StringBuilder output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteElementObject(element, output);
                break;
            case JsonValueKind.Array:
                WriteElementArray(element, output);
                break;
            case JsonValueKind.String:
                JsString.Write(JsString.DecodeRaw(element.GetRawText()), output);
                break;
            case JsonValueKind.Number:
                JsNumber.Write(JsNumber.Parse(element.GetRawText()), output);
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            default:
                output.Append("null");
                break;
        }
    }

    // Methods of their own for the closures' sake (see WriteIndexedObject): every scalar goes through WriteElement.
    private static void WriteElementObject(JsonElement element, StringBuilder output) =>
        WriteObject(element.EnumerateObject().Select(p => (RawName(p), (Action)(() => WriteElement(p.Value, output)))), output);

    private static void WriteElementArray(JsonElement element, StringBuilder output) =>
        WriteArray(element.EnumerateArray().Select(item => (Action)(() => WriteElement(item, output))), output);

    /// <summary>The property name from its raw (still escaped) text: JsonProperty.Name would lose lone surrogates.</summary>
    private static string RawName(JsonProperty property) =>
        JsString.DecodeRaw("\"" + Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8PropertyName(property)) + "\"");

    private static void WriteObject(IEnumerable<(string Key, Action WriteValue)> properties, StringBuilder output)
    {
        output.Append('{');
        var first = true;
        foreach (var (key, writeValue) in JsKeyOrder.Arrange(properties, p => p.Key))
        {
            if (!first) output.Append(',');
            first = false;
            JsString.Write(key, output);
            output.Append(':');
            writeValue();
        }
        output.Append('}');
    }

    private static void WriteArray(IEnumerable<Action> items, StringBuilder output)
    {
        output.Append('[');
        var first = true;
        foreach (var writeItem in items)
        {
            if (!first) output.Append(',');
            first = false;
            writeItem();
        }
        output.Append(']');
    }
}
