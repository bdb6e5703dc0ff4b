using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.StructuredOutput;
using FakeRiver.Workflows;

namespace FakeRiver.Pipeline;

/// <summary>
/// Turns a provider's full text into the request's <c>data</c>: structured workflows parse and validate it against
/// the schema and apply <c>on_invalid</c> (DESIGN.md 3.8); unstructured ones wrap the text OpenAI-style.
/// </summary>
public sealed class OutputGate(OutputValidator validator)
{
    public const string SchemaViolation = "schema_validation_failed";

    public GateResult Check(WorkflowDefinition workflow, string text, int seed)
    {
        if (workflow.OutputSchema is not { } schema) return GateResult.Accept(Unstructured(text));

        var parsed = TryParseObject(text);
        if (parsed is not null && validator.Validate(parsed, schema).Count == 0) return GateResult.Accept(parsed);
        return workflow.OnInvalid switch
        {
            OnInvalidMode.Merge => GateResult.Accept(Merge(parsed, Generated(schema, seed), schema)),
            OnInvalidMode.OfflineFallback => new GateResult(Generated(schema, seed), null, true),
            _ => GateResult.Reject(SchemaViolation),
        };
    }

    /// <summary>Schema-valid sample data for test mode and fallbacks (text for unstructured workflows).</summary>
    public JsonObject SampleData(WorkflowDefinition workflow, int seed) =>
        workflow.OutputSchema is { } schema ? Generated(schema, seed) : Unstructured("This is a test-mode response.");

    /// <summary>Seeded schema-valid data; a schema whose root is not an object yields an empty object (data is always one).</summary>
    private static JsonObject Generated(JsonObject schema, int seed) => FakeDataGenerator.Generate(schema, seed) as JsonObject ?? [];

    /// <summary>OpenAI-style <c>choices[0].message.content</c>, as unstructured ModelRiver output looks.</summary>
    public static JsonObject Unstructured(string text) => new()
    {
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
            ["finish_reason"] = "stop",
        }),
    };

    /// <summary>
    /// Keeps every valid top-level field of the output and takes the rest from generated data, so all required
    /// fields exist and the result validates.
    /// </summary>
    private JsonObject Merge(JsonObject? output, JsonObject generated, JsonObject schema)
    {
        if (output is null) return generated;
        var merged = (JsonObject)generated.DeepClone();
        foreach (var (key, value) in output)
        {
            if (!merged.ContainsKey(key)) continue;
            var candidate = (JsonObject)merged.DeepClone();
            candidate[key] = value?.DeepClone();
            if (validator.Validate(candidate, schema).Count == 0) merged = candidate;
        }
        return merged;
    }

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
