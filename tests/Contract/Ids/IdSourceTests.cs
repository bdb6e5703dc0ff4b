using Contract.Api;
using Contract.Infrastructure;

namespace Contract.Ids;

/// <summary>Channel ids and ws_tokens: cryptographic by default, a repeatable sequence only with FakeRiver:Seed.</summary>
public class IdSourceTests
{
    [Fact]
    public async Task Ids_NoSeed_DifferBetweenTwoFreshHosts()
    {
        var first = await FirstAnswerAsync(seed: null);
        var second = await FirstAnswerAsync(seed: null);
        var seeded42 = await FirstAnswerAsync(seed: "42");

        Assert.NotEqual(first.ChannelId, second.ChannelId);
        Assert.NotEqual(first.Token, second.Token);
        // Not the old default sequence either: an unseeded FakeRiver no longer hands out predictable tokens.
        Assert.NotEqual(seeded42.Token, first.Token);
        Assert.NotEqual(seeded42.ChannelId, first.ChannelId);
    }

    [Fact]
    public async Task Ids_ExplicitSeed_RepeatBetweenTwoFreshHosts()
    {
        var first = await FirstAnswerAsync(seed: "7");
        var second = await FirstAnswerAsync(seed: "7");

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Output_NoSeed_SameTextForTheSamePrompt()
    {
        var first = await FirstTextAsync();
        var second = await FirstTextAsync();

        Assert.Equal(first, second);
    }

    private static async Task<(string ChannelId, string Token)> FirstAnswerAsync(string? seed)
    {
        await using var host = HarnessHost.Start(new HarnessOptions
        {
            WithBackend = false,
            WorkflowYaml = TestWorkflows.Instant,
            // The test fixture seeds by default (tests ask for determinism); a null setting means "no seed", as in serve.
            RiverSettings = { ["FakeRiver:Seed"] = seed },
        });
        var started = await AsyncApi.StartAsync(host);
        return (started["channel_id"]!.GetValue<string>(), started["ws_token"]!.GetValue<string>());
    }

    private static async Task<string> FirstTextAsync()
    {
        await using var host = HarnessHost.StartRiverOnly();
        return (await AsyncApi.StartAndFinishAsync(host, "mr_chatbot_standard")).Log.CommittedText;
    }
}
