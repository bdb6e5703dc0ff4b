using System.Text.Json.Nodes;
using FakeRiver.Observability;

namespace FakeRiver.Requests;

/// <summary>An <c>attempt</c> event's data, built when first read (<see cref="LazyEventData"/>).</summary>
internal sealed class AttemptEventData(int attempt, string provider, string model, bool success, long durationMs,
    string? reason, long? retryAfterMs, long tokensSoFar, string state) : LazyEventData
{
    protected override JsonObject Fields() => new()
    {
        ["attempt"] = attempt,
        ["provider"] = provider,
        ["model"] = model,
        ["success"] = success,
        ["duration_ms"] = durationMs,
        ["reason"] = reason,
        ["retry_after_ms"] = retryAfterMs,
        ["tokens_so_far"] = tokensSoFar,
        ["state"] = state,
    };
}
