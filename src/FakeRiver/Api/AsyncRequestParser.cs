using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.StructuredOutput;
using FakeRiver.Workflows;

namespace FakeRiver.Api;

/// <summary>
/// Validates an async request body (docs/wire-contract.md 1.2) and resolves its workflow. Every problem is a 4xx with the
/// error envelope naming the offending field in <c>param</c>.
/// </summary>
internal sealed class AsyncRequestParser(LiveWorkflows workflows, OutputValidator validator)
{
    // Fields with a meaning; any other top-level key is echoed back in customer_data (as on modelriver.com).
    private static readonly HashSet<string> KnownFields =
    [
        "workflow", "provider", "model", "messages", "response_format", "structured_output_schema", "inputs",
        "metadata", "context", "webhook_url", "delivery_method", "events", "format", "temperature", "max_tokens",
    ];

    /// <param name="body">The request body.</param>
    /// <param name="projectId">The caller's project: its run-time workflows win over shared and file ones.</param>
    public (AsyncRequestSpec? Spec, IResult? Error) Parse(JsonObject body, string? projectId = null)
    {
        if (CheckMessages(body) is { } messagesError) return (null, messagesError);
        foreach (var field in (string[])["inputs", "metadata", "context"])
        {
            if (body[field] is { } value && value is not JsonObject)
                return (null, ApiErrors.BadRequest($"'{field}' must be an object", "invalid_type", field));
        }

        var (workflow, workflowError) = ResolveWorkflow(body, projectId);
        if (workflowError is not null) return (null, workflowError);
        if (CheckInlineSchema(workflow!, body) is { } schemaError) return (null, schemaError);

        var (events, eventsError) = ReadEvents(body);
        if (eventsError is not null) return (null, eventsError);

        string? webhookUrl = null;
        if (body["webhook_url"] is { } hook)
        {
            if (!TryString(hook, out webhookUrl) || !Uri.TryCreate(webhookUrl, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                return (null, ApiErrors.BadRequest("'webhook_url' must be an absolute http(s) URL", "invalid_type", "webhook_url"));
        }

        // Event-driven when the workflow has an event name or the request lists events (docs/wire-contract.md 7.11).
        var eventName = workflow!.EventName ?? (events.Count > 0 ? events[0] : null);
        var customerData = new JsonObject();
        foreach (var (key, value) in body)
        {
            if (!KnownFields.Contains(key)) customerData[key] = value?.DeepClone();
        }
        return (new AsyncRequestSpec(workflow, eventName, webhookUrl, customerData), null);
    }

    private static IResult? CheckMessages(JsonObject body)
    {
        if (body["messages"] is not JsonArray messages)
            return ApiErrors.BadRequest(body.ContainsKey("messages") ? "'messages' must be an array" : "'messages' is required",
                body.ContainsKey("messages") ? "invalid_type" : "missing_field", "messages");
        if (messages.Count == 0) return ApiErrors.BadRequest("'messages' must not be empty", "invalid_value", "messages");
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message || !TryString(message["role"], out _) || message["content"] is null)
                return ApiErrors.BadRequest($"messages[{i}] must be an object with string 'role' and 'content'", "invalid_type", $"messages[{i}]");
            if (message["content"] is JsonValue content && content.GetValueKind() != JsonValueKind.String)
                return ApiErrors.BadRequest($"messages[{i}].content must be a string or an array of parts", "invalid_type", $"messages[{i}].content");
        }
        return null;
    }

    private (WorkflowDefinition? Workflow, IResult? Error) ResolveWorkflow(JsonObject body, string? projectId)
    {
        if (body["workflow"] is { } workflowNode)
        {
            if (!TryString(workflowNode, out var name) || string.IsNullOrWhiteSpace(name))
                return (null, ApiErrors.BadRequest("'workflow' must be a non-empty string", "invalid_type", "workflow"));
            return workflows.TryGet(projectId, name, out var workflow)
                ? (workflow, null)
                : (null, ApiErrors.NotFound($"Workflow '{name}' not found", "model_not_found", "workflow"));
        }
        if (!TryString(body["provider"], out var provider) || !TryString(body["model"], out var model))
            return (null, ApiErrors.BadRequest("Either 'workflow' or both 'provider' and 'model' are required", "missing_field", "workflow"));
        var adHoc = AdHocWorkflow.Create(provider, model, body);
        if (adHoc.OutputSchema is { } schema && SchemaLimits.Check(schema) is { } over)
        {
            var field = body["structured_output_schema"] is JsonObject ? "structured_output_schema" : "response_format";
            return (null, ApiErrors.BadRequest($"'{field}' is over the schema limit {over.Limit}: {over.Message}", "schema_limit_exceeded", field));
        }
        return (adHoc, null);
    }

    /// <summary>
    /// An inline schema (provider + model requests) is compiled here, before anything is registered: a schema that is
    /// not one (<c>"properties": 7</c>) used to be accepted and then crash the request's pipeline in the background.
    /// </summary>
    private IResult? CheckInlineSchema(WorkflowDefinition workflow, JsonObject body)
    {
        if (body["workflow"] is not null || workflow.OutputSchema is not { } schema) return null;
        try
        {
            validator.Parse(schema);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var field = body.ContainsKey("structured_output_schema") ? "structured_output_schema" : "response_format";
            return ApiErrors.BadRequest($"'{field}' is not a usable JSON Schema: {e.Message}", "invalid_schema", field);
        }
    }

    private static (IReadOnlyList<string> Events, IResult? Error) ReadEvents(JsonObject body)
    {
        if (body["events"] is null) return ([], null);
        if (body["events"] is not JsonArray array || array.Any(e => !TryString(e, out _)))
            return ([], ApiErrors.BadRequest("'events' must be an array of strings", "invalid_type", "events"));
        return ([.. array.Select(e => e!.GetValue<string>())], null);
    }

    private static bool TryString(JsonNode? node, out string value)
    {
        value = "";
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return false;
        value = v.GetValue<string>();
        return true;
    }
}
