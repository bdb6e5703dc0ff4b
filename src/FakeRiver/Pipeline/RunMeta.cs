using System.Text.Json.Nodes;
using FakeRiver.Requests;
using FakeRiver.Usage;

namespace FakeRiver.Pipeline;

/// <summary>The <c>meta</c> of a finished run (<see cref="AiRunMeta"/>): its token counts and its attempts.</summary>
internal static class RunMeta
{
    public static AiRunMeta For(RiverRequest request, RunOutcome outcome, long durationMs)
    {
        var prompt = PromptTokens(request);
        // Counted with a real tokenizer over the text the providers produced (not the number of streamed deltas).
        var completion = outcome.TestMode ? 0 : TokenCounter.Count(request.Log.CommittedText);
        return new AiRunMeta(request.Workflow.Name, outcome.Success, durationMs, prompt, completion,
            request.Workflow.OutputSchema is not null, outcome.Attempts, outcome.Provider, outcome.Model,
            outcome.OfflineFallback, outcome.TestMode);
    }

    /// <summary>Tokens of every message's text content (test mode reports 0, as documented).</summary>
    private static int PromptTokens(RiverRequest request)
    {
        if (request.Workflow.TestMode || request.Body["messages"] is not JsonArray messages) return 0;
        var count = 0;
        foreach (var message in messages)
        {
            if (message?["content"] is JsonValue content && content.TryGetValue<string>(out var text))
                count += TokenCounter.Count(text);
        }
        return count;
    }
}
