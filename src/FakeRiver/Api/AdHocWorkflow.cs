using System.Text.Json.Nodes;
using FakeRiver.Workflows;

namespace FakeRiver.Api;

/// <summary>
/// A request naming <c>provider</c> + <c>model</c> instead of a workflow runs on one simulated provider of that
/// name, with the request's inline schema (<c>structured_output_schema</c> or <c>response_format</c>) if any.
/// </summary>
internal static class AdHocWorkflow
{
    public static WorkflowDefinition Create(string provider, string model, JsonObject body) => new()
    {
        Name = $"{provider}/{model}",
        OutputSchema = InlineSchema(body),
        Providers = [new ProviderDefinition { Provider = provider, Model = model }],
    };

    private static JsonObject? InlineSchema(JsonObject body)
    {
        if (body["structured_output_schema"] is JsonObject schema) return (JsonObject)schema.DeepClone();
        // OpenAI form: {"type":"json_schema","json_schema":{"schema":{...}}}; else a bare schema.
        if (body["response_format"] is JsonObject format)
        {
            // Pattern, not the ?[] indexer: that throws when json_schema is an array or a string (a 500 before).
            if (format["json_schema"] is JsonObject { } jsonSchema && jsonSchema["schema"] is JsonObject wrapped) return (JsonObject)wrapped.DeepClone();
            if (format["type"] is JsonValue type && type.TryGetValue<string>(out var kind) && kind == "object") return (JsonObject)format.DeepClone();
        }
        return null;
    }
}
