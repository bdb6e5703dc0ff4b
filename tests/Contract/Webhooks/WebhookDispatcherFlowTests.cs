using System.Net;
using System.Text.Json.Nodes;
using FakeRiver.Requests;
using FakeRiver.Webhooks;
using FakeRiver.Workflows;

namespace Contract.Webhooks;

/// <summary>How the dispatcher fits the request flow: targets, event-driven headers, re-entrancy, shutdown.</summary>
public class WebhookDispatcherFlowTests
{
    private static RiverRequest Request(string channelId, string? webhookUrl, string? eventName) =>
        new(channelId, "proj-1", new WorkflowDefinition { Name = "wf", Providers = [] }, new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero))
        {
            PublicBaseUri = new Uri("http://127.0.0.1:5000/"),
            WebhookUrl = webhookUrl,
            EventName = eventName,
        };

    [Fact]
    public async Task Enqueue_EventDrivenRequestWithoutUrl_UsesConfiguredUrlAndSendsCallbackHeader()
    {
        await using var services = new WebhookServices(ScriptedWebhookHandler.Status(_ => 200), o => o.WebhookUrl = "http://console.test/hook");
        var request = Request("ch-ev", webhookUrl: null, eventName: "new_chat");

        var delivery = services.Dispatcher.Enqueue(request, WebhookBodyFactory.EventDriven(request, new JsonObject { ["reply"] = "x" }, null, services.Clock.GetUtcNow()));
        var received = await services.Handler.Received(1).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("http://console.test/hook", received.Url!.ToString());
        Assert.Equal("http://127.0.0.1:5000/v1/callback/ch-ev", received.Headers["x-modelriver-callback-url"]);
        Assert.Equal(WebhookBodyFactory.AiGeneratedType, delivery.Type);
    }

    [Fact]
    public async Task Enqueue_ReceiverReadsJournalWhileAnswering_NoDeadlock()
    {
        WebhookServices? services = null;
        var handler = new ScriptedWebhookHandler((_, _) =>
        {
            // A real backend calls FakeRiver back before answering: FakeRiver must hold nothing during the POST.
            var seen = services!.Journal.All().Single();
            return Task.FromResult(new HttpResponseMessage(seen.State == WebhookDeliveryState.Delivering ? HttpStatusCode.OK : HttpStatusCode.Conflict));
        });
        await using var owned = services = new WebhookServices(handler);

        var delivery = services.Dispatcher.Enqueue(WebhookServices.Url, "ch-re", new JsonObject { ["type"] = "task.completed", ["data"] = new JsonObject() });
        var done = await services.WaitForAsync(delivery.Id, d => d.IsFinished);

        Assert.Equal(200, done.Attempts.Single().StatusCode);
    }

    [Fact]
    public async Task StopAsync_DeliveryWaitingForRetry_EndsPromptlyAndKeepsPendingState()
    {
        var services = new WebhookServices(ScriptedWebhookHandler.Status(_ => 500));
        var delivery = services.Dispatcher.Enqueue(WebhookServices.Url, "ch-stop", new JsonObject { ["type"] = "task.completed", ["data"] = new JsonObject() });
        await services.WaitForAsync(delivery.Id, d => d.NextAttemptAt is not null);
        var journal = services.Journal;

        await services.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        var last = journal.Find(delivery.Id)!;
        Assert.Equal(WebhookDeliveryState.Pending, last.State);
        Assert.Single(last.Attempts);
    }
}
