using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FakeRiver.Providers.OpenAi;

/// <summary>The <c>chat/completions</c> body for one attempt: the client's messages, streaming, and the workflow's schema.</summary>
internal static partial class OpenAiRequestBody
{
    /// <summary>Sent after the committed text when a failover continues a stream another provider started.</summary>
    public const string ContinueInstruction =
        "Continue exactly where your previous message stopped. Do not repeat any of it and do not add any preamble.";

    [GeneratedRegex("[^a-zA-Z0-9_-]", RegexOptions.CultureInvariant)]
    private static partial Regex NotNameCharacter();

    public static JsonObject Build(ProviderCall call)
    {
        var messages = call.Request.Body["messages"] is JsonArray given ? (JsonArray)given.DeepClone() : [];
        if (call.CommittedText.Length > 0)
        {
            messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = call.CommittedText });
            messages.Add(new JsonObject { ["role"] = "user", ["content"] = ContinueInstruction });
        }
        var body = new JsonObject
        {
            ["model"] = call.Definition.Model,
            ["messages"] = messages,
            ["stream"] = true,
        };
        if (call.Request.Workflow.OutputSchema is { } schema)
        {
            body["response_format"] = new JsonObject
            {
                ["type"] = "json_schema",
                ["json_schema"] = new JsonObject
                {
                    ["name"] = SchemaName(call.Request.Workflow.OutputSchemaName),
                    ["schema"] = schema.DeepClone(),
                    ["strict"] = true,
                },
            };
        }
        return body;
    }

    /// <summary>OpenAI accepts only [a-zA-Z0-9_-]{1,64} as a schema name; inline schemas have none.</summary>
    private static string SchemaName(string? name)
    {
        var clean = NotNameCharacter().Replace(name ?? "", "_");
        return clean.Length == 0 ? "structured_output" : clean[..Math.Min(clean.Length, 64)];
    }
}
