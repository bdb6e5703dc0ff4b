using System.Text.Json;

namespace Contract.Hostile;

/// <summary>The error envelope each app promises on a 4xx.</summary>
public static class Envelope
{
    /// <summary>FakeRiver: <c>{"error":{"message","type","code",...},"message"}</c> (src/FakeRiver/Api/ApiErrors.cs).</summary>
    public static bool IsRiverEnvelope(byte[] body) => Check(body, root =>
        root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
        && IsString(error, "message") && IsString(error, "type") && IsString(error, "code") && IsString(root, "message"));

    /// <summary>ChatBackend: the example's <c>{"error":"..."}</c> (src/ChatBackend/Api/ApiErrors.cs).</summary>
    public static bool IsBackendEnvelope(byte[] body) => Check(body, root => IsString(root, "error"));

    private static bool IsString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String;

    private static bool Check(byte[] body, Func<JsonElement, bool> shape)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && shape(document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
