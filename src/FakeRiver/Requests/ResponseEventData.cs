using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.Observability;

namespace FakeRiver.Requests;

/// <summary>
/// A <c>response</c> event's data, built when first read (<see cref="LazyEventData"/>). Only three fields of the
/// payload are shown; they are read at publish (<see cref="Read"/>), so the event does not hold the whole payload
/// (data, customer_data, meta) for as long as the feed retains it.
/// </summary>
internal sealed class ResponseEventData(PayloadField status, bool final, long durationMs, long tokenCount,
    PayloadField provider, PayloadField error, string state) : LazyEventData
{
    /// <summary>The event's data for a response payload, read from a pooled document.</summary>
    public static ResponseEventData Read(ReadOnlyMemory<byte> payloadUtf8, bool final, long durationMs, long tokenCount, string state)
    {
        using var payload = JsonDocument.Parse(payloadUtf8);
        var root = payload.RootElement;
        var provider = root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
            ? PayloadField.Read(meta, "provider")
            : default;
        return new ResponseEventData(PayloadField.Read(root, "status"), final, durationMs, tokenCount, provider,
            PayloadField.Read(root, "error"), state);
    }

    protected override JsonObject Fields() => new()
    {
        ["status"] = status.ToNode(),
        ["final"] = final,
        ["duration_ms"] = durationMs,
        ["token_count"] = tokenCount,
        ["provider"] = provider.ToNode(),
        ["error"] = error.ToNode(),
        ["state"] = state,
    };
}
