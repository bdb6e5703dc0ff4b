using System.Text;

namespace FakeRiver.StructuredOutput;

/// <summary>
/// An incremental JSON tokenizer for text that arrives in pieces: each character is looked at once, and the state
/// between pieces is a few fields plus the open containers — so checking a stream costs O(new text) per delta,
/// not O(whole text). Reports structure, string characters and completed scalars to an <see cref="IJsonPrefixSink"/>;
/// returns the first reason the text can no longer be JSON. Grammar as RFC 8259, depth capped like System.Text.Json.
/// </summary>
internal sealed class JsonPrefixScanner(IJsonPrefixSink sink)
{
    public const int MaxDepth = 64;
    private const string LiteralTrue = "true";
    private const string LiteralFalse = "false";
    private const string LiteralNull = "null";

    private readonly Stack<bool> _containers = new();
    private readonly StringBuilder _token = new();
    private Mode _mode = Mode.Value;
    private NumberPart _number;
    private string _literal = "";
    private bool _isKey;
    private int _escape; // 0 none, 1 after '\', 2..5 reading the \u digits
    private int _unicode;
    private bool _pendingHigh;

    private enum Mode { Value, ValueOrEnd, KeyOrEnd, Key, Colon, AfterValue, String, Number, Literal, Done }

    private enum NumberPart { Minus, Zero, Integer, Dot, Fraction, Exponent, ExponentSign, ExponentDigits }

    /// <summary>Characters looked at so far: the work measure (each one once, whatever the delta sizes).</summary>
    public long Scanned { get; private set; }

    /// <summary>True once the root value is complete.</summary>
    public bool IsDone => _mode == Mode.Done;

    /// <summary>Feeds the next piece; returns why the text is no longer a JSON prefix, or null.</summary>
    public string? Feed(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            Scanned++;
            if (Step(c) is { } error) return error;
        }
        return null;
    }

    private string? Step(char c)
    {
        switch (_mode)
        {
            case Mode.String: return StringChar(c);
            case Mode.Number:
                if (NumberChar(c)) return null;
                if (_number is NumberPart.Minus or NumberPart.Dot or NumberPart.Exponent or NumberPart.ExponentSign)
                    return $"malformed JSON: '{c}' inside a number";
                if (Completed(sink.OnScalar(_token.ToString(), JsonScalarKind.Number)) is { } numberError) return numberError;
                return Step(c);
            case Mode.Literal:
                if (_token.Length < _literal.Length && c == _literal[_token.Length])
                {
                    _token.Append(c);
                    return _token.Length == _literal.Length ? Completed(sink.OnScalar(_literal, LiteralKind())) : null;
                }
                return $"malformed JSON: '{c}' inside a literal";
        }

        if (c is ' ' or '\t' or '\n' or '\r') return null;
        switch (_mode)
        {
            case Mode.Done:
                return "text after the JSON value";
            case Mode.Colon:
                if (c != ':') return $"malformed JSON: expected ':' after a property name, got '{c}'";
                _mode = Mode.Value;
                return null;
            case Mode.KeyOrEnd or Mode.Key:
                if (c == '}' && _mode == Mode.KeyOrEnd) return Close(isObject: true);
                if (c != '"') return $"malformed JSON: expected a property name, got '{c}'";
                return BeginString(isKey: true);
            case Mode.AfterValue:
                return AfterValue(c);
            default:
                if (c == ']' && _mode == Mode.ValueOrEnd) return Close(isObject: false);
                return BeginValue(c);
        }
    }

    private string? BeginValue(char c)
    {
        switch (c)
        {
            case '{' or '[':
                if (_containers.Count >= MaxDepth) return $"malformed JSON: nesting deeper than {MaxDepth}";
                var isObject = c == '{';
                _containers.Push(isObject);
                _mode = isObject ? Mode.KeyOrEnd : Mode.ValueOrEnd;
                return sink.OnStartContainer(isObject);
            case '"':
                return BeginString(isKey: false);
            case '-' or (>= '0' and <= '9'):
                _token.Clear().Append(c);
                _number = c == '-' ? NumberPart.Minus : c == '0' ? NumberPart.Zero : NumberPart.Integer;
                _mode = Mode.Number;
                return null;
            case 't' or 'f' or 'n':
                _literal = c == 't' ? LiteralTrue : c == 'f' ? LiteralFalse : LiteralNull;
                _token.Clear().Append(c);
                _mode = Mode.Literal;
                return null;
            default:
                return $"malformed JSON: unexpected '{c}'";
        }
    }

    private string? AfterValue(char c)
    {
        var inObject = _containers.Peek();
        if (c == ',')
        {
            _mode = inObject ? Mode.Key : Mode.Value;
            return null;
        }
        if (c == '}' && inObject) return Close(isObject: true);
        if (c == ']' && !inObject) return Close(isObject: false);
        return $"malformed JSON: expected ',' or '{(inObject ? '}' : ']')}', got '{c}'";
    }

    private string? Close(bool isObject)
    {
        _containers.Pop();
        return Completed(isObject ? sink.OnEndObject() : sink.OnEndArray());
    }

    /// <summary>After a whole value: the root is done, or its container expects ',' or its end.</summary>
    private string? Completed(string? violation)
    {
        _mode = _containers.Count == 0 ? Mode.Done : Mode.AfterValue;
        return violation;
    }

    private string? BeginString(bool isKey)
    {
        _isKey = isKey;
        _token.Clear();
        _mode = Mode.String;
        return sink.OnStringStart(isKey);
    }

    private string? StringChar(char c)
    {
        if (_escape == 1) return Escaped(c);
        if (_escape > 1) return UnicodeDigit(c);
        if (_pendingHigh && c != '\\') return "malformed JSON: a \\u high surrogate without its low half";
        switch (c)
        {
            case '"':
                var value = _token.ToString();
                if (!_isKey) return Completed(sink.OnScalar(value, JsonScalarKind.String));
                _mode = Mode.Colon;
                return sink.OnPropertyName(value);
            case '\\':
                _escape = 1;
                return null;
            case < ' ':
                return "malformed JSON: a control character inside a string";
            default:
                return Decoded(c);
        }
    }

    private string? Escaped(char c)
    {
        if (c == 'u')
        {
            _escape = 2;
            _unicode = 0;
            return null;
        }
        _escape = 0;
        if (_pendingHigh) return "malformed JSON: a \\u high surrogate without its low half";
        var decoded = c switch
        {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            _ => (char?)null,
        };
        return decoded is { } d ? Decoded(d) : $"malformed JSON: invalid escape '\\{c}'";
    }

    private string? UnicodeDigit(char c)
    {
        var digit = HexValue(c);
        if (digit < 0) return $"malformed JSON: '{c}' in a \\u escape";
        _unicode = (_unicode << 4) | digit;
        if (++_escape < 6) return null;
        _escape = 0;
        var unit = (char)_unicode;
        if (char.IsHighSurrogate(unit))
        {
            if (_pendingHigh) return "malformed JSON: a \\u high surrogate without its low half";
            _pendingHigh = true;
        }
        else if (char.IsLowSurrogate(unit))
        {
            if (!_pendingHigh) return "malformed JSON: a \\u low surrogate without its high half";
            _pendingHigh = false;
        }
        else if (_pendingHigh)
        {
            return "malformed JSON: a \\u high surrogate without its low half";
        }
        return Decoded(unit);
    }

    private string? Decoded(char c)
    {
        _token.Append(c);
        return sink.OnStringChar(c, _token);
    }

    private bool NumberChar(char c)
    {
        var digit = c is >= '0' and <= '9';
        NumberPart? next = (_number, c) switch
        {
            (NumberPart.Minus, '0') => NumberPart.Zero,
            (NumberPart.Minus, _) when digit => NumberPart.Integer,
            (NumberPart.Integer, _) when digit => NumberPart.Integer,
            (NumberPart.Zero or NumberPart.Integer, '.') => NumberPart.Dot,
            (NumberPart.Dot or NumberPart.Fraction, _) when digit => NumberPart.Fraction,
            (NumberPart.Zero or NumberPart.Integer or NumberPart.Fraction, 'e' or 'E') => NumberPart.Exponent,
            (NumberPart.Exponent, '+' or '-') => NumberPart.ExponentSign,
            (NumberPart.Exponent or NumberPart.ExponentSign or NumberPart.ExponentDigits, _) when digit => NumberPart.ExponentDigits,
            _ => null,
        };
        if (next is not { } part) return false;
        _number = part;
        _token.Append(c);
        return true;
    }

    private JsonScalarKind LiteralKind() => _literal == LiteralNull ? JsonScalarKind.Null : JsonScalarKind.Boolean;

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
