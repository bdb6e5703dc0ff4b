using System.Net;
using System.Text.Json.Nodes;
using Contract.ChatBackend.Infrastructure;

namespace Contract.ChatBackend;

/// <summary>The example's header and signature checks, in its order and with its exact 401 bodies.</summary>
public class WebhookAuthenticationTests
{
    private static string Unauthorized(string message) => new JsonObject { ["error"] = "Unauthorized", ["message"] = message }.ToJsonString();

    [Fact]
    public async Task Webhook_SignatureHeaderMissing_Returns401()
    {
        await using var host = BackendHost.Create();

        using var response = await host.Client.SendAsync(SignedWebhooks.Request("{}", signature: null, SignedWebhooks.Timestamp));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Unauthorized("Missing X-ModelRiver-Signature header"), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Webhook_TimestampHeaderMissing_Returns401EvenInInsecureDevMode()
    {
        await using var host = BackendHost.Create(new BackendSettings { WebhookSecret = "", InsecureDev = "1" });

        using var response = await host.Client.SendAsync(SignedWebhooks.Request("{}", "abc", timestamp: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Unauthorized("Missing X-ModelRiver-Timestamp header"), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Webhook_SecretMissingInProduction_Returns401NotConfigured()
    {
        await using var host = BackendHost.Create(new BackendSettings { WebhookSecret = "" });

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven("chan-1")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Unauthorized("Webhook secret not configured"), await response.Content.ReadAsStringAsync());
        Assert.Empty(host.River.Callbacks);
    }

    [Fact]
    public async Task Webhook_SecretMissingInDevelopment_Returns401NotConfigured()
    {
        // The example accepts anything under NODE_ENV=development; a reference to copy must not.
        await using var host = BackendHost.Create(new BackendSettings { WebhookSecret = "", Environment = "Development" });
        var channel = await host.StartChatAsync("Hello");

        using var response = await host.Client.SendAsync(SignedWebhooks.Request(SignedWebhooks.EventDriven(channel).ToJsonString(), "not-a-signature", SignedWebhooks.Timestamp));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Unauthorized("Webhook secret not configured"), await response.Content.ReadAsStringAsync());
        Assert.Empty(host.River.Callbacks);
    }

    [Fact]
    public async Task Webhook_SecretMissingWithInsecureDev_AcceptsUnverifiedAndSaysSoLoudly()
    {
        await using var host = BackendHost.Create(new BackendSettings { WebhookSecret = "", InsecureDev = "1" });
        var channel = await host.StartChatAsync("Hello");

        using var response = await host.Client.SendAsync(SignedWebhooks.Request(SignedWebhooks.EventDriven(channel).ToJsonString(), "not-a-signature", SignedWebhooks.Timestamp));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.River.Callbacks);
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("are NOT verified", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines, l => l.Contains("INSECURE: webhook accepted WITHOUT signature verification", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_SignatureOfWrongLength_Returns401LengthMismatch()
    {
        await using var host = BackendHost.Create();

        using var response = await host.Client.SendAsync(SignedWebhooks.Request(SignedWebhooks.EventDriven("chan-1").ToJsonString(), "abc123", SignedWebhooks.Timestamp));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Unauthorized("Invalid signature (length mismatch)"), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Webhook_SignedWithWrongSecret_Returns401InvalidSignature()
    {
        await using var host = BackendHost.Create();

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven("chan-1"), secret: "whsec_other"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Unauthorized("Invalid signature"), await response.Content.ReadAsStringAsync());
        Assert.Empty(host.River.Callbacks);
    }

    [Fact]
    public async Task Webhook_SignedOverWholeBodyInsteadOfData_Returns401InvalidSignature()
    {
        await using var host = BackendHost.Create();
        var text = SignedWebhooks.EventDriven("chan-1").ToJsonString();
        var signature = SignedWebhooks.Sign(BackendSettings.Secret, SignedWebhooks.Timestamp, text);

        using var response = await host.Client.SendAsync(SignedWebhooks.Request(text, signature, SignedWebhooks.Timestamp));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_NoDataField_VerifiesOverRawBody()
    {
        await using var host = BackendHost.Create();
        const string text = """{ "channel_id": "chan-raw",  "status": "success" }""";
        var signature = SignedWebhooks.Sign(BackendSettings.Secret, SignedWebhooks.Timestamp, text);

        using var response = await host.Client.SendAsync(SignedWebhooks.Request(text, signature, SignedWebhooks.Timestamp));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_LegacyRoute_UsesSameChecks()
    {
        await using var host = BackendHost.Create();

        using var rejected = await host.Client.SendAsync(SignedWebhooks.Request("{}", null, SignedWebhooks.Timestamp, path: "/webhook"));
        using var accepted = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven("chan-1"), path: "/webhook"));

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData("{\"data\":")]
    [InlineData("""{"data":{"a":1,"a":2}}""")]
    public async Task Webhook_MalformedJson_Returns400Json(string text)
    {
        await using var host = BackendHost.Create();

        using var response = await host.Client.SendAsync(SignedWebhooks.Request(text, "abc", SignedWebhooks.Timestamp));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.IsType<string>((string?)(await response.JsonAsync())["error"]);
    }

    [Fact]
    public async Task Webhook_BodyOver100kB_Returns413Json()
    {
        await using var host = BackendHost.Create();
        var body = SignedWebhooks.EventDriven("chan-1", new JsonObject { ["reply"] = new string('x', 110 * 1024) });

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.IsType<string>((string?)(await response.JsonAsync())["error"]);
    }
}
