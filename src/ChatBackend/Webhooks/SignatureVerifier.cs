using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelRiver.Wire.Json;

namespace ChatBackend.Webhooks;

/// <summary>
/// The example's webhook signature check, as a pure function. With a truthy <c>data</c> field the signed text is
/// <c>"{timestamp}.{JSON.stringify(data)}"</c> (ModelRiver signs only <c>data</c>); otherwise it is
/// <c>"{timestamp}.{raw body}"</c>. Signatures are lowercase hex HMAC-SHA256 keyed with the secret (UTF-8).
/// </summary>
public static class SignatureVerifier
{
    public static SignatureCheck Verify(string secret, string timestamp, string signature, string rawBody)
    {
        var dataText = DataText(rawBody);
        var expected = Encoding.UTF8.GetBytes(Compute(secret, timestamp, dataText ?? rawBody));
        var received = Encoding.UTF8.GetBytes(signature);
        // The example reports a length mismatch only on the data path (timingSafeEqual needs equal lengths there).
        if (received.Length != expected.Length && dataText is not null) return SignatureCheck.LengthMismatch;
        return CryptographicOperations.FixedTimeEquals(received, expected) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>Lowercase hex HMAC-SHA256 of <c>"{timestamp}.{signedText}"</c>.</summary>
    public static string Compute(string secret, string timestamp, string signedText)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{signedText}"));
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// <c>JSON.stringify(body.data)</c> when <c>data</c> is truthy, else null. Printed from the raw text rather than
    /// from a JsonNode so that what JsonNode would alter (lone surrogates) is printed as JavaScript prints it.
    /// </summary>
    public static string? DataText(string rawBody)
    {
        if (string.IsNullOrWhiteSpace(rawBody)) return null;
        try
        {
            using var document = StrictJson.Parse(rawBody);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && JsTruthiness.IsTruthy(data)
                ? JsJson.Stringify(data)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
