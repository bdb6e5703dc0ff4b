using System.Text;
using System.Text.Json.Nodes;

namespace FakeRiver.StructuredOutput;

/// <summary>
/// One streamed structured output being checked delta by delta (see <see cref="StreamingSchemaGate"/>). Keeps the
/// scanner's state and the open containers between deltas, so each delta costs O(its own length): characters are
/// scanned once, open strings are matched against the names or enum values they may still become by narrowing a
/// candidate list one character at a time, and completed scalars are checked once. Not thread-safe (one per attempt).
/// After a violation the session stays dead.
/// </summary>
internal sealed class SchemaGateSession : IJsonPrefixSink
{
    private readonly JsonObject _root;
    private readonly ScalarChecker _scalars;
    private readonly JsonPrefixScanner _scanner;
    private readonly Stack<PrefixFrame> _stack = new();
    private List<string>? _candidates;
    private bool _stringIsKey;

    internal SchemaGateSession(JsonObject root, ScalarChecker scalars)
    {
        _root = root;
        _scalars = scalars;
        _scanner = new JsonPrefixScanner(this);
    }

    /// <summary>The first violation, once there is one.</summary>
    public string? Violation { get; private set; }

    /// <summary>Characters scanned so far: each one once, so this equals the text length fed (the work measure).</summary>
    public long CharactersScanned => _scanner.Scanned;

    /// <summary>Feeds the next delta; false (and <see cref="Violation"/>) when the text so far cannot become valid.</summary>
    public bool TryAppend(ReadOnlySpan<char> delta)
    {
        if (Violation is not null) return false;
        Violation = _scanner.Feed(delta);
        return Violation is null;
    }

    string? IJsonPrefixSink.OnStartContainer(bool isObject)
    {
        var schema = NextValueSchema();
        if (!GateSchema.TypeAllows(schema, isObject ? "object" : "array")) return $"{(isObject ? "an object" : "an array")} is not allowed here";
        _stack.Push(new PrefixFrame(isObject, GateSchema.Checkable(schema) ? schema : null));
        return null;
    }

    string? IJsonPrefixSink.OnEndObject()
    {
        var closed = _stack.Pop();
        var missing = (closed.Schema?["required"] as JsonArray)?.Select(r => r?.GetValue<string>()).FirstOrDefault(r => r is not null && !closed.Seen.Contains(r));
        return missing is null ? ValueDone() : $"required property '{missing}' is missing";
    }

    string? IJsonPrefixSink.OnEndArray()
    {
        var array = _stack.Pop();
        return array.Items < array.MinItems ? $"fewer than {array.MinItems} items" : ValueDone();
    }

    string? IJsonPrefixSink.OnStringStart(bool isKey)
    {
        _stringIsKey = isKey;
        _candidates = null;
        var top = _stack.Count > 0 ? _stack.Peek() : null;
        if (isKey)
        {
            // Names are narrowed only when the object allows no others.
            if (top!.ClosedPropertyNames() is { } names) _candidates = [.. names];
            return null;
        }
        var schema = NextValueSchema();
        if (!GateSchema.TypeAllows(schema, "string")) return "a string is not allowed here";
        if (GateSchema.Checkable(schema) && schema!["enum"] is JsonArray values
            && values.All(v => v is JsonValue s && s.GetValueKind() == System.Text.Json.JsonValueKind.String))
            _candidates = [.. values.Select(v => v!.GetValue<string>())];
        return null;
    }

    string? IJsonPrefixSink.OnStringChar(char c, StringBuilder content)
    {
        if (_candidates is null) return null;
        var at = content.Length - 1;
        _candidates.RemoveAll(candidate => candidate.Length <= at || candidate[at] != c);
        if (_candidates.Count > 0) return null;
        return _stringIsKey ? $"no allowed property starts with '{content}'" : $"'{content}' cannot become one of the enum values";
    }

    string? IJsonPrefixSink.OnPropertyName(string name)
    {
        var top = _stack.Peek();
        if (!top.AllowsProperty(name, partial: false)) return $"property '{name}' is not allowed";
        top.Property = name;
        top.Seen.Add(name);
        return null;
    }

    string? IJsonPrefixSink.OnScalar(string text, JsonScalarKind kind)
    {
        var schema = NextValueSchema();
        var error = GateSchema.Checkable(schema) ? _scalars.Check(text, kind, schema!) : null;
        return error ?? ValueDone();
    }

    private JsonObject? NextValueSchema() => _stack.Count > 0 ? _stack.Peek().NextValueSchema() : _root;

    /// <summary>A value in the top container is complete; an array past its maxItems can never become valid.</summary>
    private string? ValueDone()
    {
        if (_stack.Count == 0) return null;
        var top = _stack.Peek();
        if (top.IsObject)
        {
            top.Property = null;
            return null;
        }
        top.Items++;
        return top.Items > top.MaxItems ? $"more than {top.MaxItems} items" : null;
    }
}
