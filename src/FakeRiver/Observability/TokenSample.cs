using System.Text.Json.Nodes;

namespace FakeRiver.Observability;

/// <summary>
/// A <c>tokens</c> event's data kept as numbers until someone reads it (tests/Perf/results/profile-token.md): a
/// stream publishes one every 100 ms, and with no dashboard open nothing ever reads it.
/// </summary>
internal sealed class TokenSample(long count, long elapsedMs, double? rate) : LazyEventData
{
    protected override JsonObject Fields() => new()
    {
        ["count"] = count,
        ["elapsed_ms"] = elapsedMs,
        ["rate"] = rate,
    };
}
