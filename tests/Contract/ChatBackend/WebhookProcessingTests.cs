using System.Net;
using System.Text.Json.Nodes;
using ChatBackend.Conversations;
using Contract.ChatBackend.Infrastructure;

namespace Contract.ChatBackend;

/// <summary>What a verified webhook does: store the record, call back with both ids, answer only afterwards, once per channel.</summary>
public class WebhookProcessingTests
{
    [Fact]
    public async Task Webhook_EventDrivenForKnownChannel_StoresRecordInConversation()
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello", conversationId: "conv-7");
        var messageId = (string)host.River.AsyncCalls[0].Json["metadata"]!["message_id"]!;

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.JsonAsync();
        Assert.Equal(["success", "message", "record_id", "channel_id", "timestamp"], answer.Select(p => p.Key));
        Assert.True((bool)answer["success"]!);
        Assert.Equal("Webhook processed", (string)answer["message"]!);
        Assert.Equal(messageId, (string)answer["record_id"]!);
        Assert.Equal(channel, (string)answer["channel_id"]!);
        Assert.Equal("2026-01-05T10:00:00.000Z", (string)answer["timestamp"]!);

        var record = Assert.Single(host.Service<IConversationStore>().Find("conv-7")!.Messages);
        Assert.Equal("Hello", record.Prompt);
        Assert.Equal("""{"reply":"Hi!","summary":"greeting"}""", record.Response!.ToJsonString());
        Assert.Equal("conv-7", record.ConversationId);
        Assert.Equal(8, (int)record.Usage!["total_tokens"]!);
        Assert.Null(host.Service<IPendingRequestStore>().Find(channel));
    }

    [Fact]
    public async Task Webhook_EventDriven_CallsBackWithIdAndConversationIdAndBearerKey()
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello", conversationId: "conv-8");
        var messageId = (string)host.River.AsyncCalls[0].Json["metadata"]!["message_id"]!;

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var callback = Assert.Single(host.River.Callbacks);
        Assert.Equal($"http://127.0.0.1:5080/v1/callback/{channel}", callback.Uri.ToString());
        Assert.Equal("Bearer " + BackendSettings.ApiKey, callback.Authorization);
        var expected = new JsonObject
        {
            ["data"] = new JsonObject { ["reply"] = "Hi!", ["summary"] = "greeting", ["id"] = messageId, ["conversation_id"] = "conv-8" },
            ["task_id"] = messageId,
        };
        Assert.Equal(expected.ToJsonString(), callback.Body);
    }

    [Fact]
    public async Task Webhook_EventDriven_AnswersOnlyAfterCallbackCompleted()
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello");
        var callbackArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseCallback = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.River.OnCallback = async (_, _) =>
        {
            callbackArrived.SetResult();
            await releaseCallback.Task;
            return FakeModelRiver.Json(HttpStatusCode.OK, new JsonObject { ["success"] = true });
        };

        var webhook = host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));
        await callbackArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var answeredBeforeCallbackReturned = webhook.IsCompleted;
        releaseCallback.SetResult();
        using var response = await webhook;

        Assert.False(answeredBeforeCallbackReturned);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_DuplicateDelivery_OneRecordOneCallbackSameRecordId()
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello", conversationId: "conv-dup");

        using var first = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));
        using var second = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((string)(await first.JsonAsync())["record_id"]!, (string)(await second.JsonAsync())["record_id"]!);
        Assert.Single(host.Service<IConversationStore>().Find("conv-dup")!.Messages);
        Assert.Single(host.River.Callbacks);
    }

    [Fact]
    public async Task Webhook_UnknownChannel_Answers200IgnoredWithoutRecordOrCallback()
    {
        await using var host = BackendHost.Create();

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven("chan-unknown")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.JsonAsync();
        Assert.Equal(["success", "message", "channel_id", "timestamp"], answer.Select(p => p.Key));
        Assert.Equal("Webhook ignored: unknown channel", (string)answer["message"]!);
        Assert.Empty(host.River.Requests);
    }

    [Fact]
    public async Task Webhook_CallbackAnswers500_StillAnswers200()
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello");
        host.River.OnCallback = (_, _) => Task.FromResult(FakeModelRiver.Json(HttpStatusCode.InternalServerError, new JsonObject()));

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.River.Callbacks);
    }

    [Fact]
    public async Task Webhook_CallbackUnreachable_StillAnswers200()
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello");
        host.River.OnCallback = (_, _) => throw new HttpRequestException("Connection refused");

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_StandardCompletion_StoresChoiceTextWithoutCallback()
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello", conversationId: "conv-std");

        using var response = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.Completed(channel, "Hi there")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(host.Service<IConversationStore>().Find("conv-std")!.Messages);
        Assert.Equal("Hi there", (string)record.Response!);
        Assert.Empty(host.River.Callbacks);
    }

    [Fact]
    public async Task Webhook_CallbackUrlOnlyInHeader_CallsBackThere()
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello");
        var body = SignedWebhooks.EventDriven(channel);
        body.Remove("callback_url");
        using var request = SignedWebhooks.Signed(body);
        request.Headers.Add("x-modelriver-callback-url", $"http://127.0.0.1:5080/v1/callback/{channel}");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.River.Callbacks);
    }

    [Fact]
    public async Task Webhook_DataWithLoneSurrogateAndNonAscii_VerifiesAndStores()
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello", conversationId: "conv-utf");
        const string dataJson = """{"reply":"Grüße 😀 \ud83d","n":1.0}""";
        var text = $$"""{"type":"task.ai_generated","channel_id":"{{channel}}","ai_response":{"data":{{dataJson}}},"callback_url":"http://127.0.0.1:5080/v1/callback/{{channel}}","data":{{dataJson}}}""";
        // JSON.stringify(JSON.parse(dataJson)) as printed by Node 20.
        const string nodeText = "{\"reply\":\"Grüße 😀 \\ud83d\",\"n\":1}";
        var signature = SignedWebhooks.Sign(BackendSettings.Secret, SignedWebhooks.Timestamp, nodeText);

        using var response = await host.Client.SendAsync(SignedWebhooks.Request(text, signature, SignedWebhooks.Timestamp));
        using var conversation = await host.Client.GetAsync("/conversations/conv-utf");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.True(conversation.StatusCode == HttpStatusCode.OK, await conversation.Content.ReadAsStringAsync());
        Assert.Single(host.River.Callbacks);
    }
}
