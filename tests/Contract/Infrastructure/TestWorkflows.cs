namespace Contract.Infrastructure;

/// <summary>Workflow files for tests: the default workflows with no pacing, so nothing waits on the clock.</summary>
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
    public const string Instant = ChatbotSchema + """

        workflows:
          - name: mr_chatbot_workflow
            event_name: new_chat
            structured_output: chatbot_response
            providers:
              - provider: openai
                model: gpt-4o-mini
          - name: mr_chatbot_standard
            structured_output: chatbot_response
            providers:
              - provider: openai
                model: gpt-4o-mini
        """;
}
