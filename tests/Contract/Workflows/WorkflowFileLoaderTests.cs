using FakeRiver.StructuredOutput;
using FakeRiver.Workflows;

namespace Contract.Workflows;

public class WorkflowFileLoaderTests
{
    internal const string FullFile = """
        structured_outputs:
          ticket:
            $schema: http://json-schema.org/draft-07/schema#
            type: object
            required: [title, severity]
            properties:
              title: { type: string, maxLength: 40 }
              severity: { type: integer, minimum: 1, maximum: 5 }
          note:
            text: string
            meta:
              tags: "array<string>"
        workflows:
          - name: support
            event_name: ticket_created
            structured_output: ticket
            on_invalid: offline_fallback
            providers:
              - provider: openai
                model: gpt-4o
                type: openai
                base_url: http://127.0.0.1:11434/v1
                api_key_env: OLLAMA_API_KEY
                timeout_ms: 5000
                fault: { status: 429, retry_after_seconds: 2 }
              - provider: anthropic
                model: claude
                ttft_ms: 10
                tokens_per_second: 12.5
                jitter_ms: 3
                fault: { kind: connection_reset, after_tokens: 7 }
          - name: inline
            structured_output: { answer: "yes | no" }
            on_invalid: merge
            providers: [{ provider: p, model: m }]
          - name: testing
            test_mode: true
            test_mode_delay_ms: 100
            structured_output: note
          - name: text_only
            providers: [{ provider: p, model: m, fault: { kind: invalid_output } }]
        """;

    [Fact]
    public void LoadEmbeddedDefaults_ShippedFile_HasBothChatbotWorkflows()
    {
        var catalog = WorkflowFileLoader.LoadEmbeddedDefaults();

        Assert.True(catalog.TryGet("mr_chatbot_workflow", out var eventDriven));
        Assert.Equal("new_chat", eventDriven.EventName);
        Assert.True(catalog.TryGet("mr_chatbot_standard", out var standard));
        Assert.False(standard.IsEventDriven);
        foreach (var workflow in new[] { eventDriven, standard })
        {
            Assert.Equal("chatbot_response", workflow.OutputSchemaName);
            Assert.Equal(2, workflow.Providers.Count);
            Assert.Equal(("openai", "gpt-4o-mini", 250, 40.0), (workflow.Providers[0].Provider, workflow.Providers[0].Model, workflow.Providers[0].TtftMs, workflow.Providers[0].TokensPerSecond));
            Assert.Equal("anthropic", workflow.Providers[1].Provider);
        }
    }

    [Fact]
    public void LoadEmbeddedDefaults_ChatbotResponse_CompilesTheShorthand()
    {
        var schema = WorkflowFileLoader.LoadEmbeddedDefaults().StructuredOutputs["chatbot_response"];

        Assert.Equal("""["reply","summary","sentiment","confidence","topics","action_items"]""", schema["required"]!.ToJsonString());
        Assert.Equal("""["positive","neutral","negative"]""", schema["properties"]!["sentiment"]!["enum"]!.ToJsonString());
        Assert.Equal("object", schema["properties"]!["action_items"]!["items"]!["type"]!.GetValue<string>());
        Assert.True(new OutputValidator().IsValid(FakeDataGenerator.Generate(schema, 7), schema));
    }

    [Fact]
    public void Load_FullValidFile_ReadsEveryKey()
    {
        var catalog = WorkflowFileLoader.Load(FullFile, "full.yaml");

        Assert.True(catalog.TryGet("support", out var support));
        Assert.Equal("ticket_created", support.EventName);
        Assert.Equal(OnInvalidMode.OfflineFallback, support.OnInvalid);
        Assert.Equal(5, support.OutputSchema!["properties"]!["severity"]!["maximum"]!.GetValue<long>());
        var primary = support.Providers[0];
        Assert.Equal((ProviderType.OpenAi, new Uri("http://127.0.0.1:11434/v1"), 5000), (primary.Type, primary.BaseUrl, primary.TimeoutMs));
        Assert.Equal("OLLAMA_API_KEY", primary.ApiKeyEnv);
        Assert.Equal((429, 2), (primary.Fault!.Status, primary.Fault.RetryAfterSeconds));
        var backup = support.Providers[1];
        Assert.Equal((ProviderType.Simulated, 10, 12.5, 3), (backup.Type, backup.TtftMs, backup.TokensPerSecond, backup.JitterMs));
        Assert.Equal((FaultKind.ConnectionReset, 7), (backup.Fault!.Kind, backup.Fault.AfterTokens));

        Assert.True(catalog.TryGet("inline", out var inline));
        Assert.Null(inline.OutputSchemaName);
        Assert.Equal(OnInvalidMode.Merge, inline.OnInvalid);
        Assert.Equal("""["yes","no"]""", inline.OutputSchema!["properties"]!["answer"]!["enum"]!.ToJsonString());

        Assert.True(catalog.TryGet("testing", out var testing));
        Assert.Equal((true, 100, 0), (testing.TestMode, testing.TestModeDelayMs, testing.Providers.Count));
        Assert.Equal("array", testing.OutputSchema!["properties"]!["meta"]!["properties"]!["tags"]!["type"]!.GetValue<string>());

        Assert.True(catalog.TryGet("text_only", out var textOnly));
        Assert.Null(textOnly.OutputSchema);
        Assert.Equal(OnInvalidMode.NextProvider, textOnly.OnInvalid);
    }

    [Fact]
    public void Load_EmptyFile_NoWorkflows() =>
        Assert.Empty(WorkflowFileLoader.Load("# nothing yet\n", "empty.yaml").All);

    [Fact]
    public void LoadFile_MissingFile_NamesThePath()
    {
        var error = Assert.Throws<WorkflowConfigException>(() => WorkflowFileLoader.LoadFile("/nonexistent/workflows.yaml"));

        Assert.StartsWith("/nonexistent/workflows.yaml: cannot read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_FileOnDisk_LoadsIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fakeriver-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "workflows:\n  - name: w\n    providers: [{provider: p, model: m}]\n");
        try
        {
            Assert.True(WorkflowFileLoader.LoadFile(path).TryGet("w", out _));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
