namespace Contract.Fixture;

/// <summary>Workflow texts for the fixture's own tests.</summary>
public static class FixtureWorkflows
{
    /// <summary>One instant plain-text workflow (five tokens) and one event-driven twin.</summary>
    public const string Instant = """
        workflows:
          - name: plain
            text_tokens: 5
            providers:
              - provider: openai
                model: gpt-4o-mini
          - name: plain_events
            event_name: new_chat
            text_tokens: 5
            providers:
              - provider: openai
                model: gpt-4o-mini
        """;

    /// <summary>The plain workflow paced: first token after 200 ms, then 20 tokens/s.</summary>
    public const string Paced = """
        workflows:
          - name: plain
            text_tokens: 5
            providers:
              - provider: openai
                model: gpt-4o-mini
                ttft_ms: 200
                tokens_per_second: 20
        """;

    public static object Body(string workflow, string? webhookUrl = null) => webhookUrl is null
        ? new { workflow, messages = new[] { new { role = "user", content = "Hi" } } }
        : new { workflow, messages = new[] { new { role = "user", content = "Hi" } }, webhook_url = webhookUrl };
}
