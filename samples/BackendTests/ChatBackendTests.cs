using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FakeRiver.Requests;
using FakeRiver.Testing;
using FakeRiver.Webhooks;
using Xunit;

namespace BackendTests;

/// <summary>The sample backend against FakeRiver in memory: the happy path, a failover, a bad signature.</summary>
public class ChatBackendTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Chat_EventDriven_WebhookVerifiedCallbackEnrichesTheFinalResponse()
    {
        await using var world = await BackendWorld.StartAsync(Workflows.EventDriven, "support_chat");

        var chat = await ChatAsync(world, "Where is my order?");
        await using var stream = await world.River.JoinStreamAsync(chat);
        var final = await stream.ReadFinalResponseAsync();

        var channelId = chat["channel_id"]!.GetValue<string>();
        Assert.Equal("completed", final["status"]!.GetValue<string>());
        Assert.Equal($"rec_{channelId}", final["data"]!["record_id"]!.GetValue<string>());
        Assert.Equal(8, stream.Payloads("tokens").Count());
        var webhook = await world.River.WaitForWebhookAsync(channelId, WebhookDeliveryState.Delivered, Patience);
        Assert.Equal(200, webhook.Attempts.Single().StatusCode);
        Assert.Equal(200, (await world.River.WaitForCallbackAsync(channelId, Patience)).Status);
    }

    [Fact]
    public async Task Chat_PrimaryProviderDown_BackupAnswersAndTheBackendCompletes()
    {
        await using var world = await BackendWorld.StartAsync(Workflows.PrimaryDown, "support_chat");

        var chat = await ChatAsync(world, "Hello");
        var channelId = chat["channel_id"]!.GetValue<string>();
        var done = await world.River.WaitForRequestAsync(channelId, RequestState.Completed, Patience);

        var attempts = done.AiMeta!["attempts"]!.AsArray();
        Assert.Equal(["openai", "anthropic"], attempts.Select(a => a!["provider"]!.GetValue<string>()));
        Assert.Equal("error", attempts[0]!["status"]!.GetValue<string>());
        Assert.Equal("completed", done.LatestResponse!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Webhook_BadSignature_BackendAnswers401AndNeverCallsBack()
    {
        var faults = new WebhookFaultPlan { BadSignatureAttempts = WebhookFaultPlan.All };
        await using var world = await BackendWorld.StartAsync(Workflows.EventDriven, "support_chat", faults);

        var chat = await ChatAsync(world, "Hello");
        var channelId = chat["channel_id"]!.GetValue<string>();
        var rejected = await world.River.WaitForWebhookAsync(d => d.ChannelId == channelId && d.Attempts.Count > 0, Patience);

        Assert.Equal(401, rejected.Attempts[0].StatusCode);
        Assert.Empty(world.River.GetCallbacks());
        Assert.Equal(RequestState.AwaitingCallback, world.River.GetRequest(channelId)!.State);
    }

    [Fact]
    public async Task Chat_NoMessage_400AndNothingStarted()
    {
        await using var world = await BackendWorld.StartAsync(Workflows.EventDriven, "support_chat");

        var response = await world.Browser.PostAsJsonAsync("/chat", new { message = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(world.River.GetRequests());
    }

    private static async Task<JsonObject> ChatAsync(BackendWorld world, string message)
    {
        var response = await world.Browser.PostAsJsonAsync("/chat", new { message });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
