using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using Contract.Sync;
using FakeRiver.Usage;
using FakeRiver.Webhooks;
using static Contract.Pipeline.FailoverHarness;

namespace Contract.Usage;

/// <summary>usage figures from the o200k tokenizer: the response meta, the webhook and the sync answer agree.</summary>
public class TokenUsageTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("Hello world", 2)]
    [InlineData("Hello, world!", 4)]
    public void TokenCounter_KnownText_CountsO200kTokens(string text, int expected) =>
        Assert.Equal(expected, TokenCounter.Count(text));

    [Fact]
    public async Task AsyncRequest_Finished_ResponseAndWebhookCarryTokenizerCounts()
    {
        var (host, request) = await StartAsync(Workflow(Provider("p")));
        await using var _ = host;
        await request.Log.Finished.WaitAsync(TimeSpan.FromSeconds(10));
        var delivery = await WaitForDeliveryAsync(host);

        var usage = FinalResponse(request)["meta"]!["usage"]!;
        var webhookUsage = JsonNode.Parse(delivery.Body)!["meta"]!["usage"]!;

        Assert.Equal(TokenCounter.Count("Hello"), usage["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(TokenCounter.Count(request.Log.CommittedText), usage["completion_tokens"]!.GetValue<int>());
        Assert.NotEqual((int)request.Log.LastSeq, usage["completion_tokens"]!.GetValue<int>());
        Assert.Equal(usage["prompt_tokens"]!.GetValue<int>() + usage["completion_tokens"]!.GetValue<int>(), usage["total_tokens"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(usage, webhookUsage));
    }

    [Fact]
    public async Task SyncRequest_Wrapped_UsageCountsPromptOfEveryMessage()
    {
        await using var host = HarnessHost.StartRiverOnly();
        var body = SyncApi.Body(format: "wrapped");
        body["messages"] = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = "You are a helpful assistant." },
            new JsonObject { ["role"] = "user", ["content"] = "What is the capital of France?" });

        var (_, answer) = await SyncApi.PostAsync(host, body);

        var expected = TokenCounter.Count("You are a helpful assistant.") + TokenCounter.Count("What is the capital of France?");
        Assert.Equal(expected, answer["meta"]!["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(TokenCounter.Count(answer["data"]!.ToJsonString()), answer["meta"]!["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    private static async Task<WebhookDelivery> WaitForDeliveryAsync(HarnessHost host)
    {
        var journal = host.RiverService<WebhookJournal>();
        await journal.WaitForAsync(all => all.Count > 0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        return journal.All()[0];
    }
}
