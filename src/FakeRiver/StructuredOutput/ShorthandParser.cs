using System.Text;
using System.Text.Json.Nodes;

namespace FakeRiver.StructuredOutput;

/// <summary>
/// Recursive-descent parser for one shorthand expression:
/// <code>
/// type   := alt ('|' alt)*          -- two or more alternatives: a string enum, every alternative a value
/// alt    := 'array' '&lt;' type '&gt;' | '{' fields '}' | quoted | word
/// fields := (name ':' type (',' name ':' type)* ','?)?
/// </code>
/// A lone word must be a type name (string, number, integer, boolean), so a typo like <c>strng</c> fails loudly.
/// </summary>
internal sealed class ShorthandParser(string field, string text)
{
    private const string TypeNames = "string, number, integer, boolean, array<...>, {...} or an enum like 'a' | 'b'";
    private static readonly HashSet<string> Primitives = ["string", "number", "integer", "boolean"];

    private int _pos;

    public JsonObject ParseWhole()
    {
        var schema = ParseType();
        SkipSpace();
        if (_pos < text.Length) throw Expected("end of shorthand");
        return schema;
    }

    private JsonObject ParseType()
    {
        var first = ParseAlternative();
        SkipSpace();
        if (Peek() != '|') return first.Schema ?? Lone(first);

        var values = new List<string>();
        AddEnumValue(values, first);
        while (Peek() == '|')
        {
            _pos++;
            AddEnumValue(values, ParseAlternative());
            SkipSpace();
        }
        var enumValues = new JsonArray();
        foreach (var value in values) enumValues.Add(value);
        return new JsonObject { ["type"] = "string", ["enum"] = enumValues };
    }

    /// <summary>A lone word is a type name; a lone quoted value is a one-value enum.</summary>
    private JsonObject Lone(Alternative alt)
    {
        if (alt.Quoted) return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(alt.Value) };
        if (Primitives.Contains(alt.Value!)) return new JsonObject { ["type"] = alt.Value };
        _pos = alt.Start;
        throw Expected(TypeNames);
    }

    private void AddEnumValue(List<string> values, Alternative alt)
    {
        if (alt.Value is null)
        {
            _pos = alt.Start;
            throw Expected("an enum value (arrays and objects cannot be enum alternatives)");
        }
        if (values.Contains(alt.Value))
        {
            _pos = alt.Start;
            throw Expected($"a value other than '{alt.Value}' (duplicate enum value)");
        }
        values.Add(alt.Value);
    }

    private Alternative ParseAlternative()
    {
        SkipSpace();
        var start = _pos;
        var c = Peek();
        if (c == '{') return new(start, ParseObject(), null, false);
        if (c is '\'' or '"') return new(start, null, ParseQuoted(), true);
        var word = ParseWord();
        if (word.Length == 0) throw Expected(TypeNames);
        SkipSpace();
        if (word == "array" && Peek() == '<')
        {
            _pos++;
            var items = ParseType();
            SkipSpace();
            Expect('>');
            return new(start, new JsonObject { ["type"] = "array", ["items"] = items }, null, false);
        }
        return new(start, null, word, false);
    }

    private JsonObject ParseObject()
    {
        Expect('{');
        var fields = new List<KeyValuePair<string, JsonObject>>();
        SkipSpace();
        while (Peek() != '}')
        {
            var nameStart = _pos;
            var name = Peek() is '\'' or '"' ? ParseQuoted() : ParseWord();
            if (name.Length == 0) throw Expected("a field name or '}'");
            if (fields.Exists(f => f.Key == name))
            {
                _pos = nameStart;
                throw Expected($"a field other than '{name}' (duplicate field)");
            }
            SkipSpace();
            Expect(':');
            fields.Add(new(name, ParseType()));
            SkipSpace();
            if (Peek() != ',') break;
            _pos++;
            SkipSpace();
        }
        SkipSpace();
        Expect('}');
        return SchemaShorthand.ObjectSchema(fields);
    }

    private string ParseQuoted()
    {
        var quote = text[_pos++];
        var value = new StringBuilder();
        while (_pos < text.Length && text[_pos] != quote)
        {
            // A backslash escapes the next character, so values may contain the quote itself.
            if (text[_pos] == '\\' && _pos + 1 < text.Length) _pos++;
            value.Append(text[_pos++]);
        }
        Expect(quote);
        return value.ToString();
    }

    private string ParseWord()
    {
        var start = _pos;
        while (_pos < text.Length && !char.IsWhiteSpace(text[_pos]) && "|,:<>{}'\"".IndexOf(text[_pos], StringComparison.Ordinal) < 0)
            _pos++;
        return text[start.._pos];
    }

    private void Expect(char c)
    {
        if (Peek() != c) throw Expected($"'{c}'");
        _pos++;
    }

    private char Peek() => _pos < text.Length ? text[_pos] : '\0';

    private void SkipSpace()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
    }

    private SchemaShorthandException Expected(string what) => new(field, text, _pos + 1, what);

    /// <summary>One alternative: a compiled schema (array/object) or a bare/quoted value.</summary>
    private sealed record Alternative(int Start, JsonObject? Schema, string? Value, bool Quoted);
}
