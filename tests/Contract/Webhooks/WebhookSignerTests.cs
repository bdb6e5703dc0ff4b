using System.Security.Cryptography;
using System.Text;
using FakeRiver;
using FakeRiver.Webhooks;
using Microsoft.Extensions.Options;

namespace Contract.Webhooks;

public class WebhookSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private static WebhookDelivery Delivery(string? callbackUrl = null) => new()
    {
        Id = "wh-1",
        ChannelId = "ch-1",
        Url = "http://receiver.test/webhook",
        Type = callbackUrl is null ? WebhookBodyFactory.CompletedType : WebhookBodyFactory.AiGeneratedType,
        Body = """{"type":"task.completed","data":{"reply":"héllo 😀"}}""",
        DataText = """{"reply":"héllo 😀"}""",
        CallbackUrl = callbackUrl,
    };

    /// <summary>Independent of the signer: HMACSHA256 instance API and manual lowercase hex.</summary>
    private static string ReferenceHmac(string secret, string message)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return string.Concat(hmac.ComputeHash(Encoding.UTF8.GetBytes(message)).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Sign_StandardDelivery_SignaturesVerifyIndependently()
    {
        var signer = new WebhookSigner(Options.Create(new FakeRiverOptions { WebhookSecret = "s3cret" }));

        var headers = signer.Sign(Delivery(), Now).ToDictionary(h => h.Key, h => h.Value);

        Assert.Equal("1767607200", headers["X-ModelRiver-Timestamp"]);
        Assert.Equal("1767607200", headers["mr-timestamp"]);
        Assert.Equal(ReferenceHmac("s3cret", "1767607200." + """{"reply":"héllo 😀"}"""), headers["X-ModelRiver-Signature"]);
        Assert.Equal(ReferenceHmac("s3cret", Delivery().Body), headers["mr-signature"]);
        Assert.Equal("wh-1", headers["X-ModelRiver-Webhook-Id"]);
        Assert.Equal("ch-1", headers["mr-channel-id"]);
        Assert.False(headers.ContainsKey("x-modelriver-callback-url"));
    }

    [Fact]
    public void Sign_EventDrivenDelivery_AddsCallbackUrlHeader()
    {
        var headers = WebhookSigner.Sign(Delivery("http://fake/v1/callback/ch-1"), Now, "k").ToDictionary(h => h.Key, h => h.Value);

        Assert.Equal("http://fake/v1/callback/ch-1", headers["x-modelriver-callback-url"]);
    }

    public static TheoryData<string, string> Messages() => new()
    {
        { "s3cret", "" },
        { "s3cret", "plain ascii {\"a\":1}" },
        { "s3cret", "héllo 😀 中文 ✓" },
        { "s3cret", "lone \ud800 surrogate" },
        { "s3cret", new string('x', 511) + "é" },
        { "s3cret", string.Concat(Enumerable.Repeat("{\"reply\":\"héllo 😀\"},", 4_000)) },
        { "ключ-😀", new string('a', 70_000) },
        { new string('k', 2_000) + "é", "body" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Hmac_AsciiMultiByteAndLargeText_MatchesTheReferenceOverUtf8Bytes(string secret, string message) =>
        Assert.Equal(ReferenceHmac(secret, message), WebhookSigner.Hmac(secret, message));

    [Fact]
    public void Hmac_PooledBufferReusedForShorterText_HashesOnlyThatText()
    {
        var large = string.Concat(Enumerable.Repeat("😀ab", 30_000));
        var smaller = new string('z', 1_000);

        Assert.Equal(ReferenceHmac("k", large), WebhookSigner.Hmac("k", large));
        Assert.Equal(ReferenceHmac("k", smaller), WebhookSigner.Hmac("k", smaller));
    }

    [Fact]
    public void Sign_BodyOver64KiB_SignaturesVerifyIndependently()
    {
        var data = $$"""{"reply":"{{string.Concat(Enumerable.Repeat("héllo 😀 ", 10_000))}}"}""";
        var delivery = Delivery() with { Body = $$"""{"type":"task.completed","data":{{data}}}""", DataText = data };

        var headers = WebhookSigner.Sign(delivery, Now, "s3cret").ToDictionary(h => h.Key, h => h.Value);

        Assert.Equal(ReferenceHmac("s3cret", "1767607200." + data), headers["X-ModelRiver-Signature"]);
        Assert.Equal(ReferenceHmac("s3cret", delivery.Body), headers["mr-signature"]);
    }

    [Fact]
    public void Hmac_KnownVector_MatchesRfc4231Case2() =>
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", WebhookSigner.Hmac("Jefe", "what do ya want for nothing?"));
}
