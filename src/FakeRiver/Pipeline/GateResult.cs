using System.Text.Json.Nodes;

namespace FakeRiver.Pipeline;

/// <summary>The output gate's verdict: accepted data, or the reason it was rejected.</summary>
internal sealed record GateResult(JsonObject? Data, string? Reason)
{
    public static GateResult Accept(JsonObject data) => new(data, null);

    public static GateResult Reject(string reason) => new(null, reason);
}
