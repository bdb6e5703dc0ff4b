using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using FakeRiver.Admin;
using FakeRiver.Webhooks;

namespace Contract.Flow;

/// <summary>The whole flow through both apps, in memory, as docs/ARCHITECTURE.md section 2 draws it.</summary>
public class ChatFlowTests
{
    private static HarnessHost Start() => HarnessHost.Start(new HarnessOptions { WorkflowYaml = TestWorkflows.Paced });

    [Fact]
    public async Task EventDrivenChat_ThroughChatBackend_TokensThenAiGeneratedThenCompletedThenClose1000()
    {
        await using var host = Start();

        var flow = await ChatFlow.RunAsync(host, new JsonObject { ["message"] = "Hello there" });

        flow.AssertEveryMessageMatchesContracts();
        var responses = flow.Payloads("response").ToList();
        Assert.Equal(["ai_generated", "completed"], responses.Select(r => r["status"]!.GetValue<string>()));
        var completed = responses[1];
        var data = (JsonObject)completed["data"]!;
        Assert.False(string.IsNullOrEmpty(data["id"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(data["conversation_id"]?.GetValue<string>()));
        Assert.Equal(data["id"]!.GetValue<string>(), completed["task_id"]!.GetValue<string>());

        // The streamed text is the AI output the backend enriched: same fields, plus the injected ids.
        var streamed = (JsonObject)JsonNode.Parse(flow.StreamedText())!;
        data.Remove("id");
        data.Remove("conversation_id");
        Assert.True(JsonNode.DeepEquals(streamed, data), $"{streamed.ToJsonString()} != {data.ToJsonString()}");

        Assert.Equal("phx_close", flow.Frames[^1][3]!.GetValue<string>());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, flow.Close);
    }

    [Fact]
    public async Task EventDrivenChat_Webhook_DeliveredOnceSignedAndCalledBackBeforeAnswer()
    {
        await using var host = Start();

        var flow = await ChatFlow.RunAsync(host, new JsonObject { ["message"] = "Hi" });

        var channelId = flow.Chat["channel_id"]!.GetValue<string>();
        var journal = host.RiverService<WebhookJournal>();
        await journal.WaitForAsync(all => all.Any(d => d.ChannelId == channelId && d.IsFinished), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var delivery = Assert.Single(journal.ForChannel(channelId));
        Assert.Equal(WebhookDeliveryState.Delivered, delivery.State);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal(200, attempt.StatusCode);
        ContractAssert.Valid("webhook-event-driven", delivery.Body);
        // ChatBackend awaits its callback before answering the webhook: the callback was accepted while the
        // webhook request was still open, so nothing in FakeRiver may hold what the callback needs.
        var callback = Assert.Single(host.RiverService<CallbackJournal>().All());
        Assert.Equal(200, callback.Status);
        Assert.Equal(channelId, callback.ChannelId);
    }

    [Fact]
    public async Task EventDrivenChat_Conversation_StoredByBackend()
    {
        await using var host = Start();

        var flow = await ChatFlow.RunAsync(host, new JsonObject { ["message"] = "Remember me", ["conversationId"] = "conv-1" });

        using var browser = host.BackendClient();
        var conversation = JsonNode.Parse(await browser.GetStringAsync("/conversations/conv-1"))!;
        var record = Assert.Single(conversation["messages"]!.AsArray())!;
        Assert.Equal("Remember me", record["prompt"]!.GetValue<string>());
        Assert.Equal(flow.Chat["channel_id"]!.GetValue<string>(), record["channel_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task StandardChat_ThroughChatBackend_SuccessResponseAndTaskCompletedWebhook()
    {
        await using var host = Start();

        var flow = await ChatFlow.RunAsync(host, new JsonObject
        {
            ["message"] = "Standard please",
            ["workflow"] = "mr_chatbot_standard",
            ["events"] = new JsonArray(),
        });

        flow.AssertEveryMessageMatchesContracts();
        var response = Assert.Single(flow.Payloads("response"));
        Assert.Equal("success", response["status"]!.GetValue<string>());
        Assert.Equal("success", response["meta"]!["status"]!.GetValue<string>());
        var streamed = JsonNode.Parse(flow.StreamedText());
        Assert.True(JsonNode.DeepEquals(streamed, response["data"]));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, flow.Close);

        var channelId = flow.Chat["channel_id"]!.GetValue<string>();
        var journal = host.RiverService<WebhookJournal>();
        await journal.WaitForAsync(all => all.Any(d => d.ChannelId == channelId && d.IsFinished), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var delivery = Assert.Single(journal.ForChannel(channelId));
        Assert.Equal(WebhookDeliveryState.Delivered, delivery.State);
        ContractAssert.Valid("webhook-standard", delivery.Body);
        Assert.Equal("task.completed", JsonNode.Parse(delivery.Body)!["type"]!.GetValue<string>());
        Assert.Empty(host.RiverService<CallbackJournal>().All());
    }
}
