using System.Text.Json.Nodes;

namespace FakeRiver.StructuredOutput;

/// <summary>
/// Decides, token by token, whether a structured output can still become valid: malformed JSON, a property the
/// schema does not allow, a value of the wrong type or outside its enum or range, an array past its maxItems, or an
/// object closed without its required properties make the prefix dead. The failover router checks each delta
/// <em>before</em> committing it, so the client's stream never holds text that a schema-valid answer cannot continue
/// (docs/ARCHITECTURE.md 3.4 invariant).
/// Checking is incremental (<see cref="SchemaGateSession"/>): O(new text) per delta.
/// Sub-schemas using <c>$ref</c>/combinators are not checked here; the full validation at the end still is.
/// </summary>
internal sealed class StreamingSchemaGate(OutputValidator validator)
{
    /// <summary>A session for one attempt's output; feed it the committed text first, then each delta.</summary>
    public SchemaGateSession Open(JsonObject schema) => new(schema, new ScalarChecker(validator));

    /// <summary>Checks a whole prefix at once (a fresh session fed the text).</summary>
    public bool IsViable(JsonObject schema, string prefix, out string? violation)
    {
        var session = Open(schema);
        var viable = session.TryAppend(prefix);
        violation = session.Violation;
        return viable;
    }
}
