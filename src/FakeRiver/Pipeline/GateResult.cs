using FakeRiver.Requests;

namespace FakeRiver.Pipeline;

/// <summary>The output gate's verdict: accepted data, or the reason it was rejected.</summary>
internal sealed record GateResult(AiOutput? Data, string? Reason)
{
    public static GateResult Accept(AiOutput data) => new(data, null);

    public static GateResult Reject(string reason) => new(null, reason);
}
