using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeRiver.Workflows;

/// <summary>A workflow in the workflow file's own format (snake_case keys), so what GET shows can be PUT back.</summary>
internal static class WorkflowWriter
{
    public static JsonObject ToJson(WorkflowDefinition workflow)
    {
        var json = new JsonObject { ["name"] = workflow.Name };
        if (workflow.EventName is { } eventName) json["event_name"] = eventName;
        if (workflow.OutputSchemaName is { } outputName) json["structured_output"] = outputName;
        else if (workflow.OutputSchema is { } schema) json["structured_output"] = schema.DeepClone();
        json["on_invalid"] = Snake(workflow.OnInvalid.ToString());
        if (workflow.TestMode) json["test_mode"] = true;
        if (workflow.TestModeDelayMs > 0) json["test_mode_delay_ms"] = workflow.TestModeDelayMs;
        if (workflow.TextTokens is { } tokens) json["text_tokens"] = tokens;
        json["providers"] = new JsonArray([.. workflow.Providers.Select(p => (JsonNode)Provider(p))]);
        return json;
    }

    private static JsonObject Provider(ProviderDefinition provider)
    {
        var json = new JsonObject { ["provider"] = provider.Provider, ["model"] = provider.Model, ["type"] = provider.Type == ProviderType.OpenAi ? "openai" : "simulated" };
        if (provider.BaseUrl is { } url) json["base_url"] = url.ToString();
        if (provider.ApiKeyEnv is { } keyEnv) json["api_key_env"] = keyEnv;
        if (provider.TtftMs > 0) json["ttft_ms"] = provider.TtftMs;
        if (provider.TokensPerSecond > 0) json["tokens_per_second"] = provider.TokensPerSecond;
        if (provider.JitterMs > 0) json["jitter_ms"] = provider.JitterMs;
        if (provider.TimeoutMs > 0) json["timeout_ms"] = provider.TimeoutMs;
        if (provider.Fault is { } fault) json["fault"] = Fault(fault);
        return json;
    }

    /// <summary>A provider fault in the workflow file's keys (<c>status</c>, <c>kind</c>, <c>after_tokens</c>, <c>retry_after_seconds</c>).</summary>
    public static JsonObject Fault(FaultDefinition fault)
    {
        var json = new JsonObject();
        if (fault.Status is { } status) json["status"] = status;
        if (fault.Kind is { } kind) json["kind"] = Snake(kind.ToString());
        if (fault.AfterTokens is { } after) json["after_tokens"] = after;
        if (fault.RetryAfterSeconds is { } retry) json["retry_after_seconds"] = retry;
        return json;
    }

    private static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
