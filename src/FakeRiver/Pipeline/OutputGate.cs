using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.Requests;
using FakeRiver.StructuredOutput;
using FakeRiver.Workflows;

namespace FakeRiver.Pipeline;

/// <summary>
/// Turns a provider's text into the request's <c>data</c>: structured workflows check each delta before it is
/// committed (<see cref="StreamingSchemaGate"/>) and the whole text at the end (NJsonSchema); unstructured ones
/// wrap the text OpenAI-style.
/// </summary>
internal sealed class OutputGate(OutputValidator validator, StreamingSchemaGate streaming)
{
    public const string SchemaViolation = "schema_validation_failed";

    /// <summary>
    /// A per-attempt check of structured output, already fed <paramref name="committed"/>; null for plain text (not
    /// gated). Each delta then costs O(its length) (<see cref="SchemaGateSession"/>).
    /// </summary>
    public SchemaGateSession? OpenStream(WorkflowDefinition workflow, string committed)
    {
        if (workflow.OutputSchema is not { } schema) return null;
        var session = streaming.Open(schema);
        session.TryAppend(committed);
        return session;
    }

    public GateResult Check(WorkflowDefinition workflow, string text)
    {
        if (workflow.OutputSchema is not { } schema) return GateResult.Accept(AiOutput.Unstructured(text));
        var parsed = TryParseObject(text);
        return parsed is not null && validator.Validate(parsed, schema).Count == 0
            ? GateResult.Accept(AiOutput.Of(parsed))
            : GateResult.Reject(SchemaViolation);
    }

    /// <summary>Schema-valid sample data for test mode (text for unstructured workflows).</summary>
    public static AiOutput SampleData(WorkflowDefinition workflow, int seed) =>
        workflow.OutputSchema is { } schema
            ? AiOutput.Of(FakeDataGenerator.Generate(schema, seed) as JsonObject ?? [])
            : AiOutput.Unstructured("This is a test-mode response.");

    /// <summary>OpenAI-style <c>choices[0].message.content</c>, as unstructured ModelRiver output looks.</summary>
    public static JsonObject Unstructured(string text) => AiOutput.UnstructuredJson(text);

    private static JsonObject? TryParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
