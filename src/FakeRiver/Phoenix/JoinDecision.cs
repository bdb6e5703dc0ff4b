using FakeRiver.Requests;

namespace FakeRiver.Phoenix;

/// <summary>The outcome of a <c>phx_join</c>: the request whose channel log to stream, or a refusal reason.</summary>
internal sealed record JoinDecision(RequestLocation? Request, string? Reason)
{
    public static JoinDecision Accept(RequestLocation request) => new(request, null);

    public static JoinDecision Refuse(string reason) => new(null, reason);
}
