using System.Net;
using System.Text.Json.Nodes;
using ChatBackend.Conversations;
using Contract.ChatBackend.Infrastructure;

namespace Contract.ChatBackend;

/// <summary>Webhooks racing each other or a slow callback; time only moves when the test advances the fake clock.</summary>
public class WebhookTimingTests
{
    [Fact]
    public async Task Webhook_DuplicateWhileFirstAwaitsCallback_AnswersSameRecordWithoutSecondCallback()
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello", conversationId: "conv-race");
        var callbackArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseCallback = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.River.OnCallback = async (_, _) =>
        {
            callbackArrived.TrySetResult();
            await releaseCallback.Task;
            return FakeModelRiver.Json(HttpStatusCode.OK, new JsonObject { ["success"] = true });
        };

        var first = host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));
        await callbackArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var duplicate = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));
        releaseCallback.SetResult();
        using var firstResponse = await first;

        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal((string)(await firstResponse.JsonAsync())["record_id"]!, (string)(await duplicate.JsonAsync())["record_id"]!);
        Assert.Single(host.River.Callbacks);
        Assert.Single(host.Service<IConversationStore>().Find("conv-race")!.Messages);
    }

    [Fact]
    public async Task Webhook_CallbackNeverAnswers_AnswersAfter30SecondsOfFakeTime()
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello");
        var callbackArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.River.OnCallback = async (_, cancellationToken) =>
        {
            callbackArrived.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("unreachable");
        };

        var webhook = host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));
        await callbackArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        host.Time.Advance(TimeSpan.FromSeconds(29));
        var answeredEarly = webhook.IsCompleted;
        host.Time.Advance(TimeSpan.FromSeconds(1));
        using var response = await webhook.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(answeredEarly);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
