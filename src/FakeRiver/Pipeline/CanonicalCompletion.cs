using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.Providers;
using FakeRiver.Requests;

namespace FakeRiver.Pipeline;

/// <summary>
/// Finishes a stream with generated, schema-valid text (on_invalid <c>merge</c> and <c>offline_fallback</c>): the
/// seeded simulated output for the request, streamed from where the client's text stops. It only works when the
/// committed text is a prefix of that output — always so after simulated providers, which all write the same
/// text; otherwise null, and the request fails rather than break the stream invariant.
/// </summary>
internal sealed class CanonicalCompletion(SimulatedOutput output)
{
    public JsonObject? Complete(RiverRequest request, int seed, int attempt, string provider, string model)
    {
        var canonical = output.TextFor(request.Workflow, seed);
        var committed = request.Log.CommittedText;
        if (!canonical.StartsWith(committed, StringComparison.Ordinal)) return null;
        foreach (var token in TokenSplitter.Split(canonical[committed.Length..]))
        {
            request.Log.AppendToken(token, attempt, provider, model);
        }
        try
        {
            return JsonNode.Parse(canonical) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
