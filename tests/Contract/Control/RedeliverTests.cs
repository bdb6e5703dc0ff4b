using System.Net;
using System.Text.Json.Nodes;
using Contract.Api;
using FakeRiver.Webhooks;

namespace Contract.Control;

public class RedeliverTests
{
    // Two attempts with no wait between them: a dead letter without moving the clock through hours of retries.
    private static readonly Dictionary<string, string?> ShortSchedule = new() { ["FakeRiver:WebhookRetrySchedule:0"] = "00:00:00" };

    [Fact]
    public async Task Redeliver_DeadLetter_ResignedWithFreshTimestampAndRecordedAsNewAttempt()
    {
        await using var river = ControlHost.Start(settings: ShortSchedule);
        using var admin = river.Admin(ControlHost.KeyA);
        await admin.PostAsync("/__admin/faults", AsyncApi.Json("""{"workflow": "mr_chatbot_standard", "webhook": {"status": 500, "attempts": 2}}"""));
        var request = await river.FinishAsync(await river.StartAsync(ControlHost.KeyA));
        var journal = river.Host.RiverService<WebhookJournal>();
        var dead = await FaultAdminTests.WaitForDeliveryAsync(journal, request.ChannelId, d => d.State == WebhookDeliveryState.DeadLettered);
        river.Host.Clock.Advance(TimeSpan.FromMinutes(10));

        var redelivered = await admin.PostAsync($"/__admin/webhooks/{dead.Id}/redeliver", AsyncApi.Json("{}"));
        var body = await ControlHost.JsonOf(redelivered);

        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal(3, body["attempts"]!.AsArray().Count);
        Assert.Equal("delivered", body["state"]!.GetValue<string>());
        var received = Assert.Single(river.Receiver.Received);
        var stamp = long.Parse(received.Headers["X-ModelRiver-Timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(river.Host.Clock.GetUtcNow().ToUnixTimeSeconds(), stamp);
        Assert.Equal(WebhookSigner.Hmac(Infrastructure.HarnessHost.WebhookSecret, $"{stamp}.{dead.DataText}"), received.Headers["X-ModelRiver-Signature"]);
    }

    [Fact]
    public async Task Redeliver_UnknownOrOtherProjectsDelivery_404Envelope()
    {
        await using var river = ControlHost.Start();
        var request = await river.FinishAsync(await river.StartAsync(ControlHost.KeyA));
        await river.Receiver.WaitForAsync(1);
        var journal = river.Host.RiverService<WebhookJournal>();
        var delivered = await FaultAdminTests.WaitForDeliveryAsync(journal, request.ChannelId, d => d.State == WebhookDeliveryState.Delivered);
        using var adminB = river.Admin(ControlHost.KeyB);

        var unknown = await adminB.PostAsync("/__admin/webhooks/no-such-id/redeliver", AsyncApi.Json("{}"));
        var foreign = await adminB.PostAsync($"/__admin/webhooks/{delivered.Id}/redeliver", AsyncApi.Json("{}"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        AsyncApi.AssertEnvelope(await ControlHost.JsonOf(unknown), "webhook_not_found");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }
}
