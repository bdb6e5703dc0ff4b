namespace BackendTests;

/// <summary>The workflows the backend tests run FakeRiver with (FakeRiver's workflow file format).</summary>
public static class Workflows
{
    /// <summary>Event-driven, one instant provider.</summary>
    public const string EventDriven = """
        workflows:
          - name: support_chat
            event_name: new_chat
            text_tokens: 8
            providers:
              - provider: openai
                model: gpt-4o-mini
        """;

    /// <summary>Event-driven; the primary answers 503 before any token, the backup streams everything.</summary>
    public const string PrimaryDown = """
        workflows:
          - name: support_chat
            event_name: new_chat
            text_tokens: 8
            providers:
              - provider: openai
                model: gpt-4o-mini
                fault: { status: 503 }
              - provider: anthropic
                model: claude-3-5-haiku
        """;
}
