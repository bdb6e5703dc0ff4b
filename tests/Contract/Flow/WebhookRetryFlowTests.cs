using System.Net;
using Contract.Api;
using Contract.Infrastructure;
using FakeRiver;
using FakeRiver.Webhooks;

namespace Contract.Flow;

/// <summary>Webhook retries and dead letters driven by a real request through the pipeline, on virtual time.</summary>
public class WebhookRetryFlowTests
{
    private static (HarnessHost Host, StubReceiver Receiver) Start()
    {
        var receiver = new StubReceiver();
        var host = HarnessHost.Start(new HarnessOptions
        {
            WithBackend = false,
            WorkflowYaml = TestWorkflows.Instant,
            ExtraHosts = { ["hooks.test"] = receiver },
        });
        return (host, receiver);
    }

    private static async Task<string> StartStandardAsync(HarnessHost host)
    {
        var body = AsyncApi.ChatBody("mr_chatbot_standard");
        body["webhook_url"] = "http://hooks.test/webhook";
        return (await AsyncApi.StartAsync(host, body))["channel_id"]!.GetValue<string>();
    }

    private static Task WaitAttemptsAsync(WebhookJournal journal, string channelId, int attempts) =>
        journal.WaitForAsync(all => all.Any(d => d.ChannelId == channelId && d.Attempts.Count >= attempts), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Webhook_500ThenOk_RetriedAfter5SecondsThenDelivered()
    {
        var (host, receiver) = Start();
        await using var _ = host;
        receiver.Respond = (_, n) => new HttpResponseMessage(n == 1 ? HttpStatusCode.InternalServerError : HttpStatusCode.OK);
        var journal = host.RiverService<WebhookJournal>();

        var channelId = await StartStandardAsync(host);
        await WaitAttemptsAsync(journal, channelId, 1);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await WaitAttemptsAsync(journal, channelId, 2);

        var delivery = Assert.Single(journal.ForChannel(channelId));
        Assert.Equal(WebhookDeliveryState.Delivered, delivery.State);
        Assert.Equal([500, 200], delivery.Attempts.Select(a => a.StatusCode ?? 0));
        Assert.Equal(TimeSpan.FromSeconds(5), delivery.Attempts[1].SentAt - delivery.Attempts[0].SentAt);
        // Same body each time, signed afresh.
        Assert.Equal(receiver.Received[0].Body, receiver.Received[1].Body);
        Assert.Equal(receiver.Received[0].Headers["X-ModelRiver-Webhook-Id"], receiver.Received[1].Headers["X-ModelRiver-Webhook-Id"]);
    }

    [Fact]
    public async Task Webhook_AlwaysFailing_DeadLetteredAfterEightAttemptsOnTheDocumentedSchedule()
    {
        var (host, receiver) = Start();
        await using var _ = host;
        receiver.Respond = (_, _) => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        var journal = host.RiverService<WebhookJournal>();

        var channelId = await StartStandardAsync(host);
        var schedule = FakeRiverOptions.DefaultRetrySchedule;
        for (var i = 0; i < schedule.Count; i++)
        {
            await WaitAttemptsAsync(journal, channelId, i + 1);
            host.Clock.Advance(schedule[i]);
        }
        await journal.WaitForAsync(all => all.Any(d => d.ChannelId == channelId && d.IsFinished), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));

        var delivery = Assert.Single(journal.DeadLetters());
        Assert.Equal(8, delivery.Attempts.Count);
        var gaps = delivery.Attempts.Zip(delivery.Attempts.Skip(1), (a, b) => b.SentAt - a.SentAt);
        Assert.Equal(schedule, gaps);
        Assert.Equal(8, receiver.Received.Count);
    }
}
