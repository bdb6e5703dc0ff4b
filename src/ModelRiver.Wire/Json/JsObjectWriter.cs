using System.Text;
using System.Text.Json.Nodes;

namespace ModelRiver.Wire.Json;

/// <summary>
/// Prints an object property by property exactly as <see cref="JsJson.Stringify(JsonNode?)"/> prints a JsonObject
/// holding the same properties in the same order, without building that object: nodes it holds elsewhere are
/// printed where they are instead of being deep-cloned into a new tree. Keys must not be array indexes ("0", "7"),
/// whose JSON.stringify order is not the insertion order. One property's value can be captured as it is printed
/// (<see cref="CapturedNode"/>): a webhook signs its body's <c>data</c> slice.
/// </summary>
public sealed class JsObjectWriter
{
    private readonly StringBuilder _output = StringBuilderCache.Acquire();
    // Per open container (the outer object first): whether nothing is in it yet, and whether it is an array.
    private readonly Stack<bool> _empty = new();
    private readonly Stack<bool> _isArray = new();
    private int _captureStart = -1;
    private int _captureEnd = -1;
    private string? _capturedText;
    private string? _capturedRaw;

    /// <summary>Starts the outer object.</summary>
    public JsObjectWriter()
    {
        _output.Append('{');
        _empty.Push(true);
        _isArray.Push(false);
    }

    /// <summary>A string property (a null string prints <c>null</c>).</summary>
    public JsObjectWriter String(string key, string? value)
    {
        Key(key);
        if (value is null) _output.Append("null");
        else JsString.Write(value, _output);
        return this;
    }

    /// <summary>A boolean property.</summary>
    public JsObjectWriter Boolean(string key, bool value)
    {
        Key(key);
        _output.Append(value ? "true" : "false");
        return this;
    }

    /// <summary>A number property, printed as JSON.stringify prints that number (as a JsonObject holding an int or long prints it).</summary>
    public JsObjectWriter Number(string key, long value)
    {
        Key(key);
        JsNumber.Write(value, _output);
        return this;
    }

    /// <summary>A property whose value is a node, printed as JSON.stringify prints it (null prints <c>null</c>).</summary>
    public JsObjectWriter Node(string key, JsonNode? value)
    {
        Key(key);
        JsJson.WriteNode(value, _output);
        return this;
    }

    /// <summary>As <see cref="Node"/>, and remembers the printed value's text (<see cref="CapturedNode"/>).</summary>
    public JsObjectWriter CaptureNode(string key, JsonNode? value)
    {
        Key(key);
        _capturedRaw = null;
        _captureStart = _output.Length;
        JsJson.WriteNode(value, _output);
        _captureEnd = _output.Length;
        return this;
    }

    /// <summary>A property whose value is JSON text this writer (or JsJson) printed already, appended as it is.</summary>
    public JsObjectWriter Raw(string key, string printed)
    {
        Key(key);
        _output.Append(printed);
        return this;
    }

    /// <summary>As <see cref="Raw"/>, and remembers the value's text (<see cref="CapturedNode"/> is that very string).</summary>
    public JsObjectWriter CaptureRaw(string key, string printed)
    {
        Key(key);
        _output.Append(printed);
        _capturedRaw = printed;
        return this;
    }

    /// <summary>Opens a nested object as the value of <paramref name="key"/>.</summary>
    public JsObjectWriter BeginObject(string key)
    {
        Key(key);
        return Open('{', isArray: false);
    }

    /// <summary>Opens an object as the next item of the array opened last.</summary>
    public JsObjectWriter BeginObjectItem()
    {
        if (_isArray.Count == 0 || !_isArray.Peek()) throw new InvalidOperationException("No array is open.");
        if (!_empty.Pop()) _output.Append(',');
        _empty.Push(false);
        return Open('{', isArray: false);
    }

    /// <summary>Closes the nested object opened last.</summary>
    public JsObjectWriter EndObject() => Close('}', isArray: false);

    /// <summary>Opens an array as the value of <paramref name="key"/>; its items are objects (<see cref="BeginObjectItem"/>).</summary>
    public JsObjectWriter BeginArray(string key)
    {
        Key(key);
        return Open('[', isArray: true);
    }

    /// <summary>Closes the array opened last.</summary>
    public JsObjectWriter EndArray() => Close(']', isArray: true);

    /// <summary>The text of the value printed by <see cref="CaptureNode"/>; <c>"null"</c> when none was.</summary>
    public string CapturedNode =>
        _capturedText ?? _capturedRaw ?? (_captureStart < 0 ? "null" : _output.ToString(_captureStart, _captureEnd - _captureStart));

    /// <summary>Closes the outer object and returns the whole text; nothing may be written after it.</summary>
    public string Finish()
    {
        if (_empty.Count != 1) throw new InvalidOperationException("A nested object is still open.");
        _empty.Pop();
        _isArray.Pop();
        _output.Append('}');
        _capturedText = CapturedNode;
        return StringBuilderCache.Release(_output);
    }

    private JsObjectWriter Open(char bracket, bool isArray)
    {
        _output.Append(bracket);
        _empty.Push(true);
        _isArray.Push(isArray);
        return this;
    }

    private JsObjectWriter Close(char bracket, bool isArray)
    {
        if (_empty.Count < 2 || _isArray.Peek() != isArray)
            throw new InvalidOperationException(isArray ? "No array is open." : "No nested object is open.");
        _empty.Pop();
        _isArray.Pop();
        _output.Append(bracket);
        return this;
    }

    private void Key(string key)
    {
        if (_empty.Count == 0) throw new InvalidOperationException("The object is finished.");
        if (_isArray.Peek()) throw new InvalidOperationException("An array's items have no keys: open one with BeginObjectItem.");
        if (JsKeyOrder.IsArrayIndex(key))
            throw new ArgumentException($"'{key}' is an array index: JSON.stringify would not print it in insertion order.", nameof(key));
        if (!_empty.Pop()) _output.Append(',');
        _empty.Push(false);
        JsString.Write(key, _output);
        _output.Append(':');
    }
}
