using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FakeRiver.Webhooks;
using ModelRiver.Wire.Json;

namespace Contract.Webhooks;

public class WebhookAdminEndpointsTests
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Send_ValidInput_DeliversSignedStandardBody()
    {
        await using var host = new WebhookHost(ScriptedWebhookHandler.Status(_ => 200));
        var client = host.CreateClient();

        var response = await client.PostAsync("/__admin/webhooks/send",
            Json("""{"url":"http://receiver.test/hook","channel_id":"ch-send","data":{"text":"\u00e9\ud83d\ude00 \"q\" \\ \u2028","n":[1e21,1e-7,-0,123456789012345678]}}"""));
        var received = await host.Handler.Received(1).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonNode.Parse(received.Body)!;
        Assert.Equal("task.completed", (string?)body["type"]);
        Assert.Equal("ch-send", (string?)body["channel_id"]);
        Assert.Equal("2026-01-05T10:00:00.000Z", (string?)body["timestamp"]);
        const string expectedData = "{\"text\":\"é\U0001F600 \\\"q\\\" \\\\ \u2028\",\"n\":[1e+21,1e-7,0,123456789012345680]}";
        Assert.Contains("\"data\":" + expectedData, received.Body, StringComparison.Ordinal);
        Assert.Equal(WebhookSigner.Hmac(WebhookHost.Secret, "1767607200." + expectedData), received.Headers["x-modelriver-signature"]);
        Assert.Equal(WebhookSigner.Hmac(WebhookHost.Secret, received.Body), received.Headers["mr-signature"]);
        Assert.Equal("http://receiver.test/hook", received.Url!.ToString());
    }

    [Fact]
    public async Task List_AfterDelivery_ShowsSnakeCaseRecord()
    {
        await using var host = new WebhookHost(ScriptedWebhookHandler.Status(_ => 204));
        var client = host.CreateClient();

        await client.PostAsync("/__admin/webhooks/send", Json("""{"url":"http://receiver.test/hook","channel_id":"ch-list","data":{}}"""));
        await host.Journal.WaitForAsync(all => all.Any(d => d.State == WebhookDeliveryState.Delivered), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var list = JsonNode.Parse(await client.GetStringAsync("/__admin/webhooks?channel_id=ch-list"))!.AsArray();

        var record = Assert.Single(list)!;
        Assert.Equal("delivered", (string?)record["state"]);
        Assert.Equal("ch-list", (string?)record["channel_id"]);
        Assert.Equal(204, (int?)record["attempts"]![0]!["status_code"]);
        Assert.Equal(1, (int?)record["attempts"]![0]!["number"]);
        Assert.NotNull(record["body"]);
    }

    [Fact]
    public async Task DeadLetters_AllAttemptsFail_ListsDelivery()
    {
        await using var host = new WebhookHost(ScriptedWebhookHandler.Status(_ => 500));
        var client = host.CreateClient();

        var sent = await client.PostAsync("/__admin/webhooks/send", Json("""{"url":"http://receiver.test/hook","data":{"a":1}}"""));
        var id = (string)JsonNode.Parse(await sent.Content.ReadAsStringAsync())!["id"]!;
        for (var attempts = 1; attempts <= 7; attempts++)
        {
            await host.Journal.WaitForAsync(all => all.Any(d => d.Id == id && d.Attempts.Count == attempts && d.NextAttemptAt is not null), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            host.Clock.Advance(host.Journal.Find(id)!.NextAttemptAt!.Value - host.Clock.GetUtcNow());
        }
        await host.Journal.WaitForAsync(all => all.Any(d => d.Id == id && d.IsFinished), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var deadLetters = JsonNode.Parse(await client.GetStringAsync("/__admin/webhooks/dead-letters"))!.AsArray();

        var record = Assert.Single(deadLetters)!;
        Assert.Equal(id, (string?)record["id"]);
        Assert.Equal("dead_lettered", (string?)record["state"]);
        Assert.Equal(8, record["attempts"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("not json", null)]
    [InlineData("[1]", null)]
    [InlineData("""{"data":{}}""", "url")]
    [InlineData("""{"url":"ftp://x/y","data":{}}""", "url")]
    [InlineData("""{"url":"/relative","data":{}}""", "url")]
    [InlineData("""{"url":"http://receiver.test/hook"}""", "data")]
    [InlineData("""{"url":"http://receiver.test/hook","data":[1]}""", "data")]
    [InlineData("""{"url":"http://receiver.test/hook","data":{},"channel_id":5}""", "channel_id")]
    public async Task Send_BadInput_Returns400Envelope(string input, string? param)
    {
        await using var host = new WebhookHost(ScriptedWebhookHandler.Status(_ => 200));
        var client = host.CreateClient();

        var response = await client.PostAsync("/__admin/webhooks/send", Json(input));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", (string?)body["error"]!["type"]);
        Assert.Equal(param, (string?)body["error"]!["param"]);
        Assert.Equal((string?)body["error"]!["message"], (string?)body["message"]);
        Assert.Empty(host.Journal.All());
    }

    [Fact]
    public async Task Send_SignedSendNotEnabled_Returns403AndDeliversNothing()
    {
        await using var host = new WebhookHost(ScriptedWebhookHandler.Status(_ => 200), allowSignedSend: false);
        var client = host.CreateClient();

        var response = await client.PostAsync("/__admin/webhooks/send", Json("""{"url":"http://receiver.test/hook","data":{"forged":true}}"""));
        var body = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Contract.Api.AsyncApi.AssertEnvelope(body, "signed_send_disabled");
        Assert.Empty(host.Journal.All());
        Assert.Equal(0, host.Handler.Count);
    }
}
