using System.Text.Json.Nodes;

namespace FakeRiver.Observability;

/// <summary>
/// A <c>tokens</c> event's data kept as numbers until someone reads it (tests/Perf/results/profile-token.md): a
/// stream publishes one every 100 ms, and with no dashboard open nothing ever reads it. <see cref="Data"/> builds
/// the same object, key for key and in the same order, that <see cref="RiverEventFeed.Publish"/> would have
/// stamped; every reader, on any thread, gets that one instance.
/// </summary>
internal sealed class TokenSample(long id, DateTimeOffset at, string channelId, long count, long elapsedMs, double? rate)
{
    private JsonObject? _data;

    public JsonObject Data => Volatile.Read(ref _data) ?? Build();

    private JsonObject Build()
    {
        var data = new JsonObject
        {
            ["count"] = count,
            ["elapsed_ms"] = elapsedMs,
            ["rate"] = rate,
        };
        RiverEventFeed.Stamp(data, id, RiverEventKinds.Tokens, channelId, at);
        // Two first readers may both build; the first one published wins and the other's copy is dropped.
        return Interlocked.CompareExchange(ref _data, data, null) ?? data;
    }
}
