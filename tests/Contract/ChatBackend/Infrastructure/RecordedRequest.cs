using System.Text.Json.Nodes;

namespace Contract.ChatBackend.Infrastructure;

/// <summary>One call ChatBackend made to the fake gateway.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string Body)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}
