using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using FakeRiver.Requests;

namespace Contract.Retention;

/// <summary>FakeRiver:Retention:MaxTokens / MaxAge on ws_tokens, seen through real upgrades and the socket journal.</summary>
public class TokenRetentionTests
{
    [Fact]
    public async Task Tokens_MoreThanMaxTokens_OldestIssuedRefusedAsUnknown()
    {
        await using var host = RetentionHost.Start(("FakeRiver:Retention:MaxTokens", "2"));
        var first = await AsyncApi.StartAsync(host);
        await AsyncApi.StartAsync(host);
        var third = await AsyncApi.StartAsync(host);

        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(host, first));
        await using var accepted = await ConnectAsync(host, third);

        Assert.Equal(1, await RefusedAsync(host, "403 token Unknown"));
        Assert.Equal(2, host.RiverService<WsTokenStore>().Count);
    }

    [Fact]
    public async Task Tokens_UsedThenPastExpiryAndMaxAge_Forgotten()
    {
        await using var host = RetentionHost.Start(("FakeRiver:Retention:MaxAge", "00:10:00"));
        var started = await AsyncApi.StartAsync(host);
        await using (await ConnectAsync(host, started))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(host, started));
        }

        host.Clock.Advance(TimeSpan.FromMinutes(5)); // the default TokenTtl: expired now, still remembered
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(host, started));
        host.Clock.Advance(TimeSpan.FromMinutes(10)); // MaxAge past its expiry: forgotten
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(host, started));

        Assert.Equal(1, await RefusedAsync(host, "403 token AlreadyUsed"));
        Assert.Equal(1, await RefusedAsync(host, "403 token Expired"));
        Assert.Equal(1, await RefusedAsync(host, "403 token Unknown"));
        Assert.Equal(0, host.RiverService<WsTokenStore>().Count);
    }

    private static Task<PhoenixTestClient> ConnectAsync(HarnessHost host, JsonObject started) =>
        PhoenixTestClient.ConnectAsync(host.River.Server, started["websocket_url"]!.GetValue<string>(), started["ws_token"]!.GetValue<string>());

    private static async Task<long> RefusedAsync(HarnessHost host, string reason)
    {
        using var client = host.RiverClient();
        var (_, body) = await AsyncApi.GetAsync(client, "/__admin/sockets");
        return body["refused_upgrades"]!["by_reason"]![reason]?.GetValue<long>() ?? 0;
    }
}
