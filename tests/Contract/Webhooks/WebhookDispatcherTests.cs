using System.Text.Json.Nodes;
using FakeRiver.Webhooks;

namespace Contract.Webhooks;

public class WebhookDispatcherTests
{
    private static JsonObject Body(string channelId) =>
        WebhookBodyFactory.Standard(channelId, "wf", new JsonObject { ["reply"] = "hé \U0001F600", ["n"] = 1e21 }, null, null, new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Enqueue_500Then200_DeliveredOnSecondAttemptAfter5Seconds()
    {
        await using var services = new WebhookServices(ScriptedWebhookHandler.Status(n => n == 1 ? 500 : 200));
        var start = services.Clock.GetUtcNow();

        var delivery = services.Dispatcher.Enqueue(WebhookServices.Url, "ch-a", Body("ch-a"));
        var pending = await services.AdvanceToRetryAsync(delivery.Id, attempts: 1);
        var done = await services.WaitForAsync(delivery.Id, d => d.IsFinished);

        Assert.Equal(start + TimeSpan.FromSeconds(5), pending.NextAttemptAt);
        Assert.Equal(WebhookDeliveryState.Delivered, done.State);
        Assert.Equal([500, 200], done.Attempts.Select(a => a.StatusCode!.Value));
        Assert.Equal(start + TimeSpan.FromSeconds(5), done.Attempts[1].SentAt);
    }

    [Fact]
    public async Task Enqueue_Always500_EightAttemptsOnScheduleThenDeadLetter()
    {
        await using var services = new WebhookServices(ScriptedWebhookHandler.Status(_ => 500));
        var start = services.Clock.GetUtcNow();

        var delivery = services.Dispatcher.Enqueue(WebhookServices.Url, "ch-b", Body("ch-b"));
        for (var attempts = 1; attempts <= 7; attempts++) await services.AdvanceToRetryAsync(delivery.Id, attempts);
        var done = await services.WaitForAsync(delivery.Id, d => d.IsFinished);

        Assert.Equal(WebhookDeliveryState.DeadLettered, done.State);
        Assert.Equal(8, done.Attempts.Count);
        int[] offsets = [0, 5, 35, 155, 755, 2555, 6155, 13355];
        Assert.Equal(offsets.Select(s => start + TimeSpan.FromSeconds(s)), done.Attempts.Select(a => a.SentAt));
        Assert.Equal([done], services.Journal.DeadLetters());
    }

    [Fact]
    public async Task Enqueue_ReceiverNeverAnswers_TimesOutAt30SecondsAndRetries()
    {
        var handler = new ScriptedWebhookHandler((n, ct) => n == 1 ? ScriptedWebhookHandler.Never(ct) : Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)));
        await using var services = new WebhookServices(handler);
        var start = services.Clock.GetUtcNow();

        var delivery = services.Dispatcher.Enqueue(WebhookServices.Url, "ch-c", Body("ch-c"));
        await handler.Received(1).WaitAsync(TimeSpan.FromSeconds(10));
        services.Clock.Advance(TimeSpan.FromSeconds(30));
        var pending = await services.AdvanceToRetryAsync(delivery.Id, attempts: 1);
        var done = await services.WaitForAsync(delivery.Id, d => d.IsFinished);

        Assert.Null(pending.Attempts[0].StatusCode);
        Assert.Contains("timeout", pending.Attempts[0].Error, StringComparison.Ordinal);
        Assert.Equal(30_000, pending.Attempts[0].DurationMs);
        Assert.Equal(start + TimeSpan.FromSeconds(35), pending.NextAttemptAt);
        Assert.Equal(WebhookDeliveryState.Delivered, done.State);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(302)]
    public async Task Enqueue_Non2xxStatus_Retried(int status)
    {
        await using var services = new WebhookServices(ScriptedWebhookHandler.Status(n => n == 1 ? status : 204));

        var delivery = services.Dispatcher.Enqueue(WebhookServices.Url, "ch-d", Body("ch-d"));
        await services.AdvanceToRetryAsync(delivery.Id, attempts: 1);
        var done = await services.WaitForAsync(delivery.Id, d => d.IsFinished);

        Assert.Equal([status, 204], done.Attempts.Select(a => a.StatusCode!.Value));
        Assert.Equal(WebhookDeliveryState.Delivered, done.State);
    }

    [Fact]
    public async Task Enqueue_ConnectionRefused_RecordedAsErrorAndRetried()
    {
        var handler = new ScriptedWebhookHandler((n, _) => n == 1
            ? Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused"))
            : Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)));
        await using var services = new WebhookServices(handler);

        var delivery = services.Dispatcher.Enqueue(WebhookServices.Url, "ch-e", Body("ch-e"));
        var pending = await services.AdvanceToRetryAsync(delivery.Id, attempts: 1);
        var done = await services.WaitForAsync(delivery.Id, d => d.IsFinished);

        Assert.Equal("Connection refused", pending.Attempts[0].Error);
        Assert.Equal(WebhookDeliveryState.Delivered, done.State);
    }

    [Fact]
    public async Task Enqueue_EachAttempt_ResignedWithFreshTimestampSameBodyAndId()
    {
        await using var services = new WebhookServices(ScriptedWebhookHandler.Status(n => n == 1 ? 503 : 200));

        var delivery = services.Dispatcher.Enqueue(WebhookServices.Url, "ch-f", Body("ch-f"));
        await services.AdvanceToRetryAsync(delivery.Id, attempts: 1);
        var first = await services.Handler.Received(1).WaitAsync(TimeSpan.FromSeconds(10));
        var second = await services.Handler.Received(2).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.Headers["x-modelriver-webhook-id"], second.Headers["x-modelriver-webhook-id"]);
        Assert.Equal(5, long.Parse(second.Headers["x-modelriver-timestamp"], System.Globalization.CultureInfo.InvariantCulture) - long.Parse(first.Headers["x-modelriver-timestamp"], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var request in new[] { first, second })
        {
            var data = global::ModelRiver.Wire.Json.JsJson.Stringify(JsonNode.Parse(request.Body)!["data"]);
            Assert.Equal(WebhookSigner.Hmac(WebhookServices.Secret, request.Headers["x-modelriver-timestamp"] + "." + data), request.Headers["x-modelriver-signature"]);
            Assert.Equal(WebhookSigner.Hmac(WebhookServices.Secret, request.Body), request.Headers["mr-signature"]);
            Assert.Equal("ch-f", request.Headers["mr-channel-id"]);
            Assert.Equal("application/json", request.Headers["content-type"]);
        }
        Assert.Contains("\"data\":{\"reply\":\"hé \U0001F600\",\"n\":1e+21}", first.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueue_NoUrl_RecordedAsSkipped()
    {
        await using var services = new WebhookServices(ScriptedWebhookHandler.Status(_ => 200));

        var delivery = services.Dispatcher.Enqueue(url: null, "ch-g", Body("ch-g"));

        Assert.Equal(WebhookDeliveryState.Skipped, delivery.State);
        Assert.Equal([delivery], services.Journal.ForChannel("ch-g"));
        Assert.Equal(0, services.Handler.Count);
    }

    [Fact]
    public async Task Enqueue_ScaledSchedule_UsesScaledDelays()
    {
        await using var services = new WebhookServices(ScriptedWebhookHandler.Status(n => n < 3 ? 500 : 200), o => o.WebhookTimeScale = 0.001);
        var start = services.Clock.GetUtcNow();

        var delivery = services.Dispatcher.Enqueue(WebhookServices.Url, "ch-h", Body("ch-h"));
        await services.AdvanceToRetryAsync(delivery.Id, 1);
        await services.AdvanceToRetryAsync(delivery.Id, 2);
        var done = await services.WaitForAsync(delivery.Id, d => d.IsFinished);

        Assert.Equal(start + TimeSpan.FromMilliseconds(35), done.Attempts[2].SentAt);
    }
}
