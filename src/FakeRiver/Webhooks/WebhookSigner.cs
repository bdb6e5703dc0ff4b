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
            new(SignatureHeader, Hmac(secret, $"{seconds}.{delivery.DataText}")),
            new(TimestampHeader, seconds),
            new(WebhookIdHeader, delivery.Id),
            new(DocsSignatureHeader, Hmac(secret, delivery.Body)),
            new(DocsTimestampHeader, seconds),
            new(DocsChannelIdHeader, delivery.ChannelId),
        };
        if (delivery.CallbackUrl is not null) headers.Add(new(CallbackUrlHeader, delivery.CallbackUrl));
        return headers;
    }

    /// <summary>Lowercase hex HMAC-SHA256 of the UTF-8 message keyed with the UTF-8 secret.</summary>
    public static string Hmac(string secret, string message) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message)));
}
