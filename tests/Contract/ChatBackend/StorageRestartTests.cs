using System.Net;
using ChatBackend.Conversations;
using Contract.ChatBackend.Infrastructure;

namespace Contract.ChatBackend;

/// <summary>
/// The SQLite file (CHATBACKEND_DB): start the app, store, stop it, start a new one on the same file. Nothing is
/// lost, a redelivery is still recognised, and the retention limits are applied when the app starts.
/// </summary>
public class StorageRestartTests
{
    [Fact]
    public async Task Restart_AfterWebhook_ConversationStillServed()
    {
        using var file = new TempDatabase();
        var settings = new BackendSettings { DatabasePath = file.Path };
        await using (var first = BackendHost.Create(settings))
        {
            var channel = await first.StartChatAsync("Hello", conversationId: "conv-kept");
            using var webhook = await first.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));
            Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
        }

        await using var second = BackendHost.Create(settings);
        using var response = await second.Client.GetAsync("/conversations/conv-kept");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Assert.Single((await response.JsonAsync())["messages"]!.AsArray())!;
        Assert.Equal("Hello", (string)message["prompt"]!);
        Assert.Equal("""{"reply":"Hi!","summary":"greeting"}""", message["response"]!.ToJsonString());
        Assert.Equal(8, (int)message["usage"]!["total_tokens"]!);
    }

    [Fact]
    public async Task Restart_BetweenChatAndWebhook_PendingRequestAnsweredWithBothIds()
    {
        using var file = new TempDatabase();
        var settings = new BackendSettings { DatabasePath = file.Path };
        string channel, messageId;
        await using (var first = BackendHost.Create(settings))
        {
            channel = await first.StartChatAsync("Grüße 😀", conversationId: "conv-pending");
            messageId = (string)first.River.AsyncCalls[0].Json["metadata"]!["message_id"]!;
        }

        await using var second = BackendHost.Create(settings);
        using var webhook = await second.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));

        Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
        Assert.Equal(messageId, (string)(await webhook.JsonAsync())["record_id"]!);
        var data = Assert.Single(second.River.Callbacks).Json["data"]!;
        Assert.Equal(messageId, (string)data["id"]!);
        Assert.Equal("conv-pending", (string)data["conversation_id"]!);
        Assert.Equal("Grüße 😀", Assert.Single(second.Service<IConversationStore>().Find("conv-pending")!.Messages).Prompt);
    }

    [Fact]
    public async Task Restart_RedeliveryAfterRestart_SameRecordIdNoSecondCallback()
    {
        using var file = new TempDatabase();
        var settings = new BackendSettings { DatabasePath = file.Path };
        string channel, recordId;
        await using (var first = BackendHost.Create(settings))
        {
            channel = await first.StartChatAsync("Hello", conversationId: "conv-redelivered");
            using var webhook = await first.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));
            recordId = (string)(await webhook.JsonAsync())["record_id"]!;
            Assert.Single(first.River.Callbacks);
        }

        await using var second = BackendHost.Create(settings, BackendHost.Start.AddMinutes(1));
        using var redelivery = await second.Client.SendAsync(
            SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel), timestamp: SignedWebhooks.UnixSeconds(BackendHost.Start.AddMinutes(1))));

        Assert.Equal(HttpStatusCode.OK, redelivery.StatusCode);
        Assert.Equal(recordId, (string)(await redelivery.JsonAsync())["record_id"]!);
        Assert.Empty(second.River.Requests);
        Assert.Single(second.Service<IConversationStore>().Find("conv-redelivered")!.Messages);
    }

    [Fact]
    public async Task Chat_GatewayReissuesAProcessedChannelId_NewRequestIsProcessedAndCalledBack()
    {
        // A seeded fake gateway restarted beside a persistent backend hands out the same channel ids again.
        await using var host = BackendHost.Create();
        host.River.OnAsync = (_, _) => Task.FromResult(FakeModelRiver.Json(HttpStatusCode.OK, FakeModelRiver.PendingBody("chan-seeded")));
        await host.StartChatAsync("First", conversationId: "conv-first");
        using var first = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven("chan-seeded")));

        await host.StartChatAsync("Second", conversationId: "conv-second");
        using var second = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven("chan-seeded")));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, host.River.Callbacks.Count);
        Assert.Equal("Second", Assert.Single(host.Service<IConversationStore>().Find("conv-second")!.Messages).Prompt);
    }

    [Fact]
    public async Task Restart_AfterRetentionPeriod_ExpiredRowsAreGone()
    {
        using var file = new TempDatabase();
        var settings = new BackendSettings { DatabasePath = file.Path, Extra = { ["CHATBACKEND_RETENTION_DAYS"] = "7" } };
        string answered, unanswered;
        await using (var first = BackendHost.Create(settings))
        {
            answered = await first.StartChatAsync("Hello", conversationId: "conv-old");
            unanswered = await first.StartChatAsync("Never answered");
            using var webhook = await first.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(answered)));
        }

        await using var later = BackendHost.Create(settings, BackendHost.Start.AddDays(7).AddMinutes(1));

        Assert.Null(later.Service<IConversationStore>().Find("conv-old"));
        Assert.Null(later.Service<IPendingRequestStore>().Find(unanswered));
        Assert.Null(later.Service<IProcessedWebhookStore>().RecordIdOf(answered));
    }

    [Fact]
    public async Task Restart_OverMaxConversations_LeastRecentlyUpdatedDropped()
    {
        using var file = new TempDatabase();
        var settings = new BackendSettings { DatabasePath = file.Path, Extra = { ["ChatBackend:MaxConversations"] = "2" } };
        await using (var first = BackendHost.Create(settings))
        {
            foreach (var id in new[] { "conv-a", "conv-b", "conv-c" })
            {
                var channel = await first.StartChatAsync("Hello", conversationId: id);
                using var webhook = await first.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));
                first.Time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        await using var second = BackendHost.Create(settings, BackendHost.Start.AddSeconds(3));

        Assert.Null(second.Service<IConversationStore>().Find("conv-a"));
        Assert.NotNull(second.Service<IConversationStore>().Find("conv-b"));
        Assert.NotNull(second.Service<IConversationStore>().Find("conv-c"));
    }

    [Fact]
    public async Task Append_OverMaxMessagesPerConversation_OldestMessageDropped()
    {
        await using var host = BackendHost.Create(new BackendSettings { Extra = { ["ChatBackend:MaxMessagesPerConversation"] = "2" } });
        foreach (var prompt in new[] { "one", "two", "three" })
        {
            var channel = await host.StartChatAsync(prompt, conversationId: "conv-long");
            using var webhook = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));
        }

        Assert.Equal(["two", "three"], host.Service<IConversationStore>().Find("conv-long")!.Messages.Select(m => m.Prompt));
    }
}
