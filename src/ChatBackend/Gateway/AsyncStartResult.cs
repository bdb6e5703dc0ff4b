using System.Text.Json.Nodes;

namespace ChatBackend.Gateway;

/// <summary>Outcome of <c>POST /v1/ai/async</c>: the gateway's JSON object, or the error the example would report.</summary>
/// <param name="Response">The 2xx body; null on failure.</param>
/// <param name="Error">The upstream <c>message</c>, or an axios-like "Request failed with status code N", or the exception text.</param>
/// <param name="Details">The upstream body (JSON, or its text when not JSON); null when there was no response.</param>
public sealed record AsyncStartResult(JsonObject? Response, string? Error, JsonNode? Details)
{
    public static AsyncStartResult Success(JsonObject response) => new(response, null, null);

    public static AsyncStartResult Failure(string error, JsonNode? details) => new(null, error, details);
}
