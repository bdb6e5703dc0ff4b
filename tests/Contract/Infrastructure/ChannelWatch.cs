using System.Text.Json.Nodes;
using FakeRiver.Requests;

namespace Contract.Infrastructure;

/// <summary>Waits on a request's channel log for a given <c>response</c> status: a signal, not a poll.</summary>
internal static class ChannelWatch
{
    public static async Task<JsonObject> WaitForResponseAsync(ChannelLog log, string status)
    {
        using var subscription = log.Subscribe(long.MaxValue);
        foreach (var evt in subscription.Replay)
        {
            if (Matches(evt, status) is { } hit) return hit;
        }
        await foreach (var evt in subscription.Live.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token))
        {
            if (Matches(evt, status) is { } hit) return hit;
        }
        throw new InvalidOperationException($"Channel {log.ChannelId} ended without a '{status}' response.");
    }

    private static JsonObject? Matches(ChannelEvent evt, string status)
    {
        if (evt.Event != ChannelEvent.Response) return null;
        var payload = (JsonObject)JsonNode.Parse(evt.PayloadUtf8.Span)!;
        ContractAssert.Valid("channel-response", payload);
        return payload["status"]?.GetValue<string>() == status ? payload : null;
    }
}
