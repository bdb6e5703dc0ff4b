using System.Net;
using System.Text.Json.Nodes;
using ChatBackend.Conversations;
using Contract.ChatBackend.Infrastructure;

namespace Contract.ChatBackend;

/// <summary>
/// What makes ChatBackend safe to copy (README, "ChatBackend"): a replay window on the signed timestamp, callbacks
/// (and so the API key) only to the configured gateway and the webhook's own channel, nothing done for channels it
/// did not start. Every request is signed with real HMAC; the fake gateway sees every request the app sends anywhere.
/// </summary>
public class WebhookSafetyTests
{
    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task Webhook_TimestampMoreThanFiveMinutesOff_Returns401AndChangesNothing(int offsetSeconds)
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello", conversationId: "conv-stale");
        var stamp = SignedWebhooks.UnixSeconds(BackendHost.Start.AddSeconds(offsetSeconds));

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel), timestamp: stamp));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Timestamp outside the tolerance window", (string)(await response.JsonAsync())["message"]!);
        Assert.Empty(host.River.Callbacks);
        Assert.NotNull(host.Service<IPendingRequestStore>().Find(channel));
        Assert.Null(host.Service<IConversationStore>().Find("conv-stale"));
    }

    [Fact]
    public async Task Webhook_TimestampExactlyFiveMinutesOld_IsAccepted()
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello");
        host.Time.Advance(TimeSpan.FromMinutes(5));

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.River.Callbacks);
    }

    [Fact]
    public async Task Webhook_ToleranceConfiguredTo60Seconds_Refuses61SecondsOld()
    {
        await using var host = BackendHost.Create(new BackendSettings { ToleranceSeconds = "60" });
        var channel = await host.StartChatAsync("Hello");
        host.Time.Advance(TimeSpan.FromSeconds(61));

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.River.Callbacks);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1767607200")]
    [InlineData("1767607200.5")]
    [InlineData("99999999999999999999")]
    public async Task Webhook_TimestampNotUnixSeconds_Returns401(string timestamp)
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello");

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel), timestamp: timestamp));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid X-ModelRiver-Timestamp header", (string)(await response.JsonAsync())["message"]!);
    }

    [Theory]
    [InlineData("http://attacker.test/v1/callback/{0}")]
    [InlineData("http://127.0.0.1:5081/v1/callback/{0}")]
    [InlineData("https://127.0.0.1:5080/v1/callback/{0}")]
    [InlineData("http://127.0.0.1:5080@attacker.test/v1/callback/{0}")]
    [InlineData("http://localhost:5080/v1/callback/{0}")]
    public async Task Webhook_CallbackUrlOffTheGateway_Returns400AndSendsTheKeyNowhere(string forged)
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello", conversationId: "conv-forged");
        var body = SignedWebhooks.EventDriven(channel);
        body["callback_url"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, forged, channel);
        var before = host.River.Requests.Count;

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, host.River.Requests.Count);
        Assert.NotNull(host.Service<IPendingRequestStore>().Find(channel));
        Assert.Null(host.Service<IConversationStore>().Find("conv-forged"));
        Assert.Contains(host.Logs.Lines, l => l.Contains("is not on the configured gateway", StringComparison.Ordinal) && l.Contains("API key was not sent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_ForgedCallbackUrlInHeaderOnly_Returns400()
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello");
        var body = SignedWebhooks.EventDriven(channel);
        body.Remove("callback_url");
        using var request = SignedWebhooks.Signed(body);
        request.Headers.Add("x-modelriver-callback-url", $"http://attacker.test/v1/callback/{channel}");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.River.Callbacks);
    }

    [Fact]
    public async Task Webhook_GatewayWithPathPrefix_CallsBackOnlyUnderThatPrefix()
    {
        await using var host = BackendHost.Create(new BackendSettings { ModelRiverApiUrl = "http://127.0.0.1:5080/river" });
        var first = await host.StartChatAsync("Hello");
        var second = await host.StartChatAsync("Hello again");
        var inside = SignedWebhooks.EventDriven(first);
        inside["callback_url"] = $"http://127.0.0.1:5080/river/v1/callback/{first}";
        var outside = SignedWebhooks.EventDriven(second);
        outside["callback_url"] = $"http://127.0.0.1:5080/v1/callback/{second}";

        using var accepted = await host.Client.SendAsync(SignedWebhooks.Signed(inside));
        using var refused = await host.Client.SendAsync(SignedWebhooks.Signed(outside));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal($"http://127.0.0.1:5080/river/v1/callback/{first}", Assert.Single(host.River.Callbacks).Uri.ToString());
    }

    [Fact]
    public async Task Webhook_ReplayedWithAnotherPendingChannelId_Returns400AndTouchesNeitherConversation()
    {
        // channel_id is outside the signed data: a replay can move a genuine answer onto another request.
        await using var host = BackendHost.Create();
        var victim = await host.StartChatAsync("Mine", conversationId: "conv-victim");
        var other = await host.StartChatAsync("Theirs", conversationId: "conv-other");
        var replay = SignedWebhooks.EventDriven(other);
        replay["channel_id"] = victim;

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(replay));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("callback_url names another channel than channel_id", (string)(await response.JsonAsync())["error"]!);
        Assert.Empty(host.River.Callbacks);
        Assert.Null(host.Service<IConversationStore>().Find("conv-victim"));
        Assert.NotNull(host.Service<IPendingRequestStore>().Find(victim));
    }

    [Fact]
    public async Task Webhook_ReplayedWithUnknownChannelId_Answers200AndSendsNothing()
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello");
        using var first = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));
        var replay = SignedWebhooks.EventDriven(channel);
        replay["channel_id"] = "chan-made-up";
        replay.Remove("callback_url");
        var before = host.River.Requests.Count;

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(replay));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Webhook ignored: unknown channel", (string)(await response.JsonAsync())["message"]!);
        Assert.Equal(before, host.River.Requests.Count);
        Assert.Contains(host.Logs.Lines, l => l.Contains("unknown channel chan-made-up ignored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_StandardWebhookForUnknownChannel_StoresNothing()
    {
        await using var host = BackendHost.Create();

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.Completed("chan-unknown", "Hi")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(host.Service<IProcessedWebhookStore>().RecordIdOf("chan-unknown"));
    }
}
