using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace FakeRiver;

/// <summary>Either the parsed body or the error answer to send instead.</summary>
internal sealed class JsonBodyResult
{
    private JsonBodyResult(JsonObject? body, IResult? error)
    {
        Body = body;
        Error = error;
    }

    public JsonObject? Body { get; }

    public IResult? Error { get; }

    [MemberNotNullWhen(true, nameof(Body))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Error is null;

    public static JsonBodyResult Ok(JsonObject body) => new(body, null);

    public static JsonBodyResult Fail(IResult error) => new(null, error);
}
