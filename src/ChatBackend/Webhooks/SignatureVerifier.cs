using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChatBackend.Json;

namespace ChatBackend.Webhooks;

/// <summary>
/// The example's webhook signature check, as a pure function. With a truthy <c>data</c> field the signed text is
/// <c>"{timestamp}.{JSON.stringify(data)}"</c> (ModelRiver signs only <c>data</c>); otherwise it is
/// <c>"{timestamp}.{raw body}"</c>. Signatures are lowercase hex HMAC-SHA256 keyed with the secret (UTF-8).
/// </summary>
public static class SignatureVerifier
{
    public static SignatureCheck Verify(string secret, string timestamp, string signature, JsonNode? body, string rawBody)
    {
        var data = body is JsonObject json ? json["data"] : null;
        var signedText = JsTruthiness.IsTruthy(data) ? JsJson.Stringify(data) : rawBody;
        var expected = Encoding.UTF8.GetBytes(Compute(secret, timestamp, signedText));
        var received = Encoding.UTF8.GetBytes(signature);
        // The example only reports a length mismatch on the data path (timingSafeEqual needs equal lengths there).
        if (received.Length != expected.Length && JsTruthiness.IsTruthy(data)) return SignatureCheck.LengthMismatch;
        return CryptographicOperations.FixedTimeEquals(received, expected) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>Lowercase hex HMAC-SHA256 of <c>"{timestamp}.{signedText}"</c>.</summary>
    public static string Compute(string secret, string timestamp, string signedText)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{signedText}"));
        return Convert.ToHexStringLower(mac);
    }
}
