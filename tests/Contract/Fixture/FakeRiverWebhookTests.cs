using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Contract.Infrastructure;
using FakeRiver.Requests;
using FakeRiver.Testing;
using FakeRiver.Webhooks;

namespace Contract.Fixture;

/// <summary>The fixture's in-memory webhook routing, callback and webhook waits, and webhook fault injection.</summary>
public class FakeRiverWebhookTests
{
    private const string Hook = "http://backend.test/hook";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RouteHost_EventDriven_SignedWebhookInMemoryThenCallbackCompletes()
    {
        var backend = new StubReceiver();
        await using var river = await FakeRiverServer.StartAsync(o =>
        {
            o.WorkflowsYaml = FixtureWorkflows.Instant;
            o.RouteHost("backend.test", backend);
        });
        using var http = river.CreateClient();
        var channelId = (await FakeRiverServerTests.StartAsync(http, "plain_events", Hook))["channel_id"]!.GetValue<string>();

        var delivered = await river.WaitForWebhookAsync(channelId, WebhookDeliveryState.Delivered, Patience);
        var webhook = backend.Received.Single();
        var callback = await http.PostAsJsonAsync($"/v1/callback/{channelId}", new { data = new { reply = "enriched" } });
        var received = await river.WaitForCallbackAsync(channelId, Patience);
        var done = await river.WaitForRequestAsync(channelId, RequestState.Completed, Patience);

        Assert.Equal("task.ai_generated", delivered.Type);
        var stamp = webhook.Headers[WebhookSigner.TimestampHeader];
        Assert.Equal(WebhookSigner.Hmac(river.WebhookSecret, $"{stamp}.{delivered.DataText}"), webhook.Headers[WebhookSigner.SignatureHeader]);
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.Equal(200, received.Status);
        Assert.Equal("completed", done.LatestResponse!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task WebhookFaults_BadSignatureOnce_GarbledFirstThenValidRetry()
    {
        var backend = new StubReceiver { Respond = (_, n) => new HttpResponseMessage(n == 1 ? HttpStatusCode.Unauthorized : HttpStatusCode.OK) };
        await using var river = await FakeRiverServer.StartAsync(o =>
        {
            o.UseVirtualTime();
            o.WorkflowsYaml = FixtureWorkflows.Instant;
            o.WebhookFaults = new WebhookFaultPlan { BadSignatureAttempts = 1 };
            o.RouteHost("backend.test", backend);
        });
        using var http = river.CreateClient();
        var channelId = (await FakeRiverServerTests.StartAsync(http, "plain", Hook))["channel_id"]!.GetValue<string>();

        await backend.WaitForAsync(1);
        await river.WaitForWebhookAsync(d => d.ChannelId == channelId && d.State == WebhookDeliveryState.Pending, Patience);
        river.Advance(TimeSpan.FromSeconds(5));
        var delivered = await river.WaitForWebhookAsync(channelId, WebhookDeliveryState.Delivered, Patience);

        Assert.Equal([401, 200], delivered.Attempts.Select(a => a.StatusCode ?? 0));
        Assert.False(SignatureValid(river, delivered, backend.Received[0]));
        Assert.True(SignatureValid(river, delivered, backend.Received[1]));
    }

    [Fact]
    public async Task WebhookFaults_BackendDownOnce_NothingSentThenDelivered()
    {
        var backend = new StubReceiver();
        await using var river = await FakeRiverServer.StartAsync(o =>
        {
            o.UseVirtualTime();
            o.WorkflowsYaml = FixtureWorkflows.Instant;
            o.WebhookFaults = new WebhookFaultPlan { BackendDownAttempts = 1 };
            o.RouteHost("backend.test", backend);
        });
        using var http = river.CreateClient();
        var channelId = (await FakeRiverServerTests.StartAsync(http, "plain", Hook))["channel_id"]!.GetValue<string>();

        var pending = await river.WaitForWebhookAsync(d => d.ChannelId == channelId && d.State == WebhookDeliveryState.Pending, Patience);
        var sentBeforeRetry = backend.Received.Count;
        river.Advance(TimeSpan.FromSeconds(5));
        var delivered = await river.WaitForWebhookAsync(channelId, WebhookDeliveryState.Delivered, Patience);

        Assert.Equal(WebhookFaultPlan.BackendDownError, pending.Attempts.Single().Error);
        Assert.Equal(0, sentBeforeRetry);
        Assert.Equal(200, delivered.Attempts[1].StatusCode);
        Assert.Single(backend.Received);
    }

    [Fact]
    public async Task WebhookFaults_Duplicate_SameDeliveryPostedTwice()
    {
        var backend = new StubReceiver();
        await using var river = await FakeRiverServer.StartAsync(o =>
        {
            o.WorkflowsYaml = FixtureWorkflows.Instant;
            o.WebhookFaults = new WebhookFaultPlan { DuplicateDelivery = true };
            o.RouteHost("backend.test", backend);
        });
        using var http = river.CreateClient();
        var channelId = (await FakeRiverServerTests.StartAsync(http, "plain", Hook))["channel_id"]!.GetValue<string>();

        var delivered = await river.WaitForWebhookAsync(channelId, WebhookDeliveryState.Delivered, Patience);

        Assert.Equal([1, 2], delivered.Attempts.Select(a => a.Number));
        Assert.Equal(2, backend.Received.Count);
        Assert.Equal(backend.Received[0].Body, backend.Received[1].Body);
        Assert.Equal(backend.Received[0].Headers[WebhookSigner.WebhookIdHeader], backend.Received[1].Headers[WebhookSigner.WebhookIdHeader]);
    }

    [Fact]
    public async Task NoFaults_ProductionSender_OneSignedAttempt()
    {
        var backend = new StubReceiver();
        await using var river = await FakeRiverServer.StartAsync(o =>
        {
            o.WorkflowsYaml = FixtureWorkflows.Instant;
            o.RouteHost("backend.test", backend);
        });
        using var http = river.CreateClient();
        var channelId = (await FakeRiverServerTests.StartAsync(http, "plain", Hook))["channel_id"]!.GetValue<string>();

        var delivered = await river.WaitForWebhookAsync(channelId, WebhookDeliveryState.Delivered, Patience);

        Assert.IsType<WebhookSender>(river.Services.GetService(typeof(IWebhookSender)));
        // The fault plans live in FakeRiver.Testing: the served gateway cannot even name them.
        Assert.DoesNotContain(typeof(WebhookDispatcher).Assembly.GetTypes(), t => t.Name == nameof(WebhookFaultPlan));
        Assert.True(SignatureValid(river, delivered, backend.Received.Single()));
    }

    [Fact]
    public async Task UnroutedHost_Webhook_RefusedLikeAClosedPort()
    {
        await using var river = await FakeRiverServer.StartAsync(o => o.WorkflowsYaml = FixtureWorkflows.Instant);
        using var http = river.CreateClient();
        var channelId = (await FakeRiverServerTests.StartAsync(http, "plain", "http://nowhere.test/hook"))["channel_id"]!.GetValue<string>();

        var pending = await river.WaitForWebhookAsync(d => d.ChannelId == channelId && d.Attempts.Count == 1, Patience);

        Assert.Contains("connection refused", pending.Attempts[0].Error, StringComparison.Ordinal);
    }

    private static bool SignatureValid(FakeRiverServer river, WebhookDelivery delivery, ReceivedRequest request) =>
        WebhookSigner.Hmac(river.WebhookSecret, $"{request.Headers[WebhookSigner.TimestampHeader]}.{delivery.DataText}")
        == request.Headers[WebhookSigner.SignatureHeader];
}
