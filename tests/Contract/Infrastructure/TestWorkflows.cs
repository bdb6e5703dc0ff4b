namespace Contract.Infrastructure;

/// <summary>Workflow files for tests: the default workflows, with the pacing each test needs.</summary>
public static class TestWorkflows
{
    public const string ChatbotSchema = """
        structured_outputs:
          chatbot_response:
            reply: string
            summary: string
            sentiment: "positive | neutral | negative"
            confidence: number
            topics: "array<string>"
            action_items: "array<{task: string, priority: 'high' | 'medium' | 'low'}>"
        """;

    /// <summary>mr_chatbot_workflow (event-driven) and mr_chatbot_standard, instant simulated providers.</summary>
    public static readonly string Instant = Chatbot("");

    /// <summary>
    /// The same workflows with a paced provider (first token after 200 ms, 20 tokens/s): nothing streams until the
    /// test advances the clock, so a client can join before the first token.
    /// </summary>
    public static readonly string Paced = Chatbot("""

                ttft_ms: 200
                tokens_per_second: 20
        """);

    private static string Chatbot(string pacing) => ChatbotSchema + $"""

        workflows:
          - name: mr_chatbot_workflow
            event_name: new_chat
            structured_output: chatbot_response
            providers:
              - provider: openai
                model: gpt-4o-mini{pacing}
          - name: mr_chatbot_standard
            structured_output: chatbot_response
            providers:
              - provider: openai
                model: gpt-4o-mini{pacing}
        """;
}
