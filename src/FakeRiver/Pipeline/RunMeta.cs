using System.Text.Json.Nodes;
using FakeRiver.Requests;
using FakeRiver.Usage;

namespace FakeRiver.Pipeline;

/// <summary>
/// The <c>meta</c> object of a finished run. The sources name the same facts two ways (docs/wire-contract.md 7.9), so both
/// families are emitted: provider/model and used_provider/used_model, tokens{...} and usage{...}.
/// </summary>
internal static class RunMeta
{
    public static JsonObject For(RiverRequest request, RunOutcome outcome, long durationMs)
    {
        var prompt = PromptTokens(request);
        // Counted with a real tokenizer over the text the providers produced (not the number of streamed deltas).
        var completion = outcome.TestMode ? 0 : TokenCounter.Count(request.Log.CommittedText);
        var meta = new JsonObject
        {
            ["workflow"] = request.Workflow.Name,
            ["status"] = outcome.Success ? "success" : "error",
            ["duration_ms"] = durationMs,
            ["tokens"] = new JsonObject { ["prompt"] = prompt, ["completion"] = completion, ["total"] = prompt + completion },
            ["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion },
            ["structured_output"] = request.Workflow.OutputSchema is not null,
            ["attempts"] = outcome.AttemptsJson(),
        };
        // No provider answered when all failed: then the fields are left out rather than null.
        if (outcome.Provider is not null)
        {
            meta["provider"] = outcome.Provider;
            meta["model"] = outcome.Model;
            meta["used_provider"] = outcome.Provider;
            meta["used_model"] = outcome.Model;
        }
        if (outcome.OfflineFallback) meta["offline_fallback"] = true;
        if (outcome.TestMode) meta["test_mode"] = true;
        return meta;
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
