using System.Security.Cryptography;
using System.Text;

namespace BackendTests;

/// <summary>
/// The example's check: X-ModelRiver-Signature is the hex HMAC-SHA256 of "&lt;X-ModelRiver-Timestamp&gt;.&lt;data&gt;",
/// where data is the body's <c>data</c> exactly as sent (JSON.stringify of it, in the Node example).
/// </summary>
public static class WebhookSignature
{
    public static bool IsValid(string secret, string? timestamp, string? signature, string dataJson)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)) return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{dataJson}"));
        var given = Encoding.UTF8.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Convert.ToHexStringLower(expected)), given);
    }
}
