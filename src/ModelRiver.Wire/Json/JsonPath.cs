using System.Globalization;
using System.Text;

namespace ModelRiver.Wire.Json;

/// <summary>
/// Where a value sits in a document (<c>$.messages[0].content</c>), built as a chain and printed only when an error
/// names it: rendering every path up front would cost O(depth x key length) per value on hostile input.
/// </summary>
public sealed class JsonPath
{
    private const int MaxNameLength = 40;

    private readonly JsonPath? _parent;
    private readonly string? _name;
    private readonly int _index;

    private JsonPath(JsonPath? parent, string? name, int index)
    {
        _parent = parent;
        _name = name;
        _index = index;
    }

    /// <summary>The whole document, <c>$</c>.</summary>
    public static JsonPath Root { get; } = new(null, null, -1);

    /// <summary>The member <paramref name="name"/> of this object.</summary>
    public JsonPath Property(string name) => new(this, name, -1);

    /// <summary>The item <paramref name="index"/> of this array.</summary>
    public JsonPath Item(int index) => new(this, null, index);

    /// <summary>The path as <c>$.messages[0].content</c>.</summary>
    public override string ToString()
    {
        var segments = new Stack<JsonPath>();
        for (var at = this; at is not null; at = at._parent) segments.Push(at);
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment._parent is null) text.Append('$');
            else if (segment._name is null) text.Append('[').Append(segment._index.ToString(CultureInfo.InvariantCulture)).Append(']');
            // Long (possibly hostile) names are cut so an error message stays short.
            else text.Append('.').Append(segment._name.Length > MaxNameLength ? segment._name[..MaxNameLength] + "…" : segment._name);
        }
        return text.ToString();
    }
}
