using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace FakeRiver.Webhooks;

/// <summary>
/// Signs a delivery with both header families ModelRiver's sources describe (contract 2.4, 2.5): the code's
/// <c>X-ModelRiver-Signature</c> over <c>"&lt;unix seconds&gt;.&lt;data JSON&gt;"</c> and the docs' <c>mr-signature</c>
/// over the raw body. Both are lowercase hex HMAC-SHA256 keyed with the webhook secret.
/// </summary>
internal sealed class WebhookSigner(IOptions<FakeRiverOptions> options)
{
    public const string SignatureHeader = "X-ModelRiver-Signature";
    public const string TimestampHeader = "X-ModelRiver-Timestamp";
    public const string WebhookIdHeader = "X-ModelRiver-Webhook-Id";
    public const string CallbackUrlHeader = "x-modelriver-callback-url";
    public const string DocsSignatureHeader = "mr-signature";
    public const string DocsTimestampHeader = "mr-timestamp";
    public const string DocsChannelIdHeader = "mr-channel-id";

    /// <summary>The headers of one attempt sent at <paramref name="now"/> (each attempt is re-signed).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Sign(WebhookDelivery delivery, DateTimeOffset now) =>
        Sign(delivery, now, options.Value.WebhookSecret);

    /// <summary>As <see cref="Sign(WebhookDelivery, DateTimeOffset)"/> with an explicit secret (wrong-secret faults).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Sign(WebhookDelivery delivery, DateTimeOffset now, string secret)
    {
        var seconds = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var headers = new List<KeyValuePair<string, string>>
        {
            new(SignatureHeader, Hmac(secret, seconds, delivery.DataText)),
            new(TimestampHeader, seconds),
            new(WebhookIdHeader, delivery.Id),
            new(DocsSignatureHeader, Hmac(secret, delivery.Body)),
            new(DocsTimestampHeader, seconds),
            new(DocsChannelIdHeader, delivery.ChannelId),
        };
        if (delivery.CallbackUrl is not null) headers.Add(new(CallbackUrlHeader, delivery.CallbackUrl));
        return headers;
    }

    // UTF-8 text up to this many bytes is encoded on the stack; longer text (a webhook body) in a pooled buffer.
    private const int StackBytes = 512;

    /// <summary>Lowercase hex HMAC-SHA256 of the UTF-8 message keyed with the UTF-8 secret.</summary>
    public static string Hmac(string secret, string message) => Hmac(secret, [], message);

    /// <summary>
    /// As <see cref="Hmac(string, string)"/> over <c>"&lt;timestamp&gt;.&lt;message&gt;"</c>. The UTF-8 of the key and of
    /// the message go to stack or pooled buffers and the hash to the stack (tests/Perf/results/profile-token.md):
    /// only the hex string is allocated.
    /// </summary>
    private static string Hmac(string secret, ReadOnlySpan<char> timestamp, ReadOnlySpan<char> message)
    {
        var keyLength = Encoding.UTF8.GetByteCount(secret);
        var messageLength = timestamp.IsEmpty ? Encoding.UTF8.GetByteCount(message)
            : Encoding.UTF8.GetByteCount(timestamp) + 1 + Encoding.UTF8.GetByteCount(message);
        byte[]? rentedKey = null;
        byte[]? rentedMessage = null;
        var key = keyLength <= StackBytes ? stackalloc byte[StackBytes] : rentedKey = ArrayPool<byte>.Shared.Rent(keyLength);
        var source = messageLength <= StackBytes ? stackalloc byte[StackBytes] : rentedMessage = ArrayPool<byte>.Shared.Rent(messageLength);
        key = key[..Encoding.UTF8.GetBytes(secret, key)];
        try
        {
            var written = 0;
            if (!timestamp.IsEmpty)
            {
                written = Encoding.UTF8.GetBytes(timestamp, source);
                source[written++] = (byte)'.';
            }
            written += Encoding.UTF8.GetBytes(message, source[written..]);
            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key, source[..written], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            // The secret's bytes do not outlive the call, on the stack or in the shared pool.
            CryptographicOperations.ZeroMemory(key);
            if (rentedKey is not null) ArrayPool<byte>.Shared.Return(rentedKey);
            if (rentedMessage is not null) ArrayPool<byte>.Shared.Return(rentedMessage);
        }
    }
}
