using System.Net;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using FakeRiver.Phoenix;
using FakeRiver.Webhooks;

namespace Contract.Retention;

/// <summary>FakeRiver:Retention:MaxJournalEntries / MaxAge on the callback, socket and webhook journals, over HTTP.</summary>
public class JournalRetentionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Callbacks_MoreThanMaxJournalEntries_NewestKept()
    {
        await using var host = RetentionHost.Start(("FakeRiver:Retention:MaxJournalEntries", "2"));
        using var client = host.RiverClient();
        foreach (var channel in new[] { "c-1", "c-2", "c-3" })
        {
            await client.PostAsync($"/v1/callback/{channel}", AsyncApi.Json(new JsonObject { ["data"] = new JsonObject() }));
        }

        var (_, body) = await AsyncApi.GetAsync(client, "/__admin/callbacks");

        Assert.Equal(["c-2", "c-3"], body["callbacks"]!.AsArray().Select(c => c!["channel_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Callbacks_OlderThanMaxAge_Forgotten()
    {
        await using var host = RetentionHost.Start(("FakeRiver:Retention:MaxAge", "00:10:00"));
        using var client = host.RiverClient();
        await client.PostAsync("/v1/callback/c-1", AsyncApi.Json(new JsonObject { ["data"] = new JsonObject() }));

        host.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var (_, before) = await AsyncApi.GetAsync(client, "/__admin/callbacks");
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var (_, after) = await AsyncApi.GetAsync(client, "/__admin/callbacks");

        Assert.Single(before["callbacks"]!.AsArray());
        Assert.Empty(after["callbacks"]!.AsArray());
    }

    [Fact]
    public async Task Sockets_MoreThanMaxJournalEntriesThenMaxAge_NewestKeptThenNone()
    {
        await using var host = RetentionHost.Start(
            ("FakeRiver:Retention:MaxJournalEntries", "2"), ("FakeRiver:Retention:MaxAge", "00:10:00"));
        var journal = host.RiverService<PhoenixJournal>();
        for (var i = 0; i < 3; i++)
        {
            var started = await AsyncApi.StartAsync(host);
            var client = await PhoenixTestClient.ConnectAsync(host.River.Server, started["websocket_url"]!.GetValue<string>(), started["ws_token"]!.GetValue<string>());
            await client.DisposeAsync();
            var socketId = $"s{i + 1}";
            await journal.WaitForAsync(e => e.SocketId == socketId && e.Kind == "closed").WaitAsync(Patience);
        }
        using var http = host.RiverClient();

        var (_, kept) = await AsyncApi.GetAsync(http, "/__admin/sockets");
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        var (_, aged) = await AsyncApi.GetAsync(http, "/__admin/sockets");

        Assert.Equal(["s3 connected", "s3 closed"], kept["sockets"]!.AsArray().Select(e => $"{e!["socket_id"]} {e["kind"]}"));
        Assert.Empty(aged["sockets"]!.AsArray());
    }

    [Fact]
    public async Task Sockets_ManyRefusedUpgrades_CountedNotStored()
    {
        await using var host = RetentionHost.Start();
        for (var i = 0; i < 50; i++)
        {
            var socket = host.River.Server.CreateWebSocketClient();
            await Assert.ThrowsAnyAsync<Exception>(() => socket.ConnectAsync(
                new Uri($"ws://{HarnessHost.RiverHost}/socket/websocket?vsn=2.0.0&token=forged-{i}"), CancellationToken.None));
        }
        using var http = host.RiverClient();

        var (_, body) = await AsyncApi.GetAsync(http, "/__admin/sockets");

        Assert.Empty(body["sockets"]!.AsArray());
        Assert.Equal(50, body["refused_upgrades"]!["total"]!.GetValue<long>());
        Assert.Equal(50, body["refused_upgrades"]!["by_reason"]!["403 token Unknown"]!.GetValue<long>());
    }

    [Fact]
    public async Task Webhooks_MoreFinishedThanMaxJournalEntries_NewestKeptAndRetryingNeverForgotten()
    {
        // The first delivery fails and waits for its 5-second retry; the others are delivered.
        var receiver = new StubReceiver { Respond = static (_, n) => new HttpResponseMessage(n == 1 ? HttpStatusCode.InternalServerError : HttpStatusCode.OK) };
        await using var host = RetentionHost.Start(receiver, ("FakeRiver:Retention:MaxJournalEntries", "1"));
        var journal = host.RiverService<WebhookJournal>();
        var channels = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var body = AsyncApi.ChatBody("mr_chatbot_standard");
            body["webhook_url"] = "http://hooks.test/webhook";
            channels.Add((await AsyncApi.StartAsync(host, body))["channel_id"]!.GetValue<string>());
            var channel = channels[^1];
            await journal.WaitForAsync(all => all.Any(d => d.ChannelId == channel && (d.IsFinished || d.NextAttemptAt is not null)), CancellationToken.None).WaitAsync(Patience);
        }
        using var http = host.RiverClient();

        var listed = JsonNode.Parse(await http.GetStringAsync("/__admin/webhooks"))!.AsArray();

        Assert.Equal([$"{channels[0]} pending", $"{channels[2]} delivered"], listed.Select(d => $"{d!["channel_id"]} {d["state"]}"));
    }

    [Fact]
    public async Task Webhooks_FinishedOlderThanMaxAge_Forgotten()
    {
        var receiver = new StubReceiver();
        await using var host = RetentionHost.Start(receiver, ("FakeRiver:Retention:MaxAge", "00:10:00"));
        var body = AsyncApi.ChatBody("mr_chatbot_standard");
        body["webhook_url"] = "http://hooks.test/webhook";
        await AsyncApi.StartAsync(host, body);
        await host.RiverService<WebhookJournal>().WaitForAsync(all => all.Any(d => d.IsFinished), CancellationToken.None).WaitAsync(Patience);
        using var http = host.RiverClient();

        var before = JsonNode.Parse(await http.GetStringAsync("/__admin/webhooks"))!.AsArray();
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        var after = JsonNode.Parse(await http.GetStringAsync("/__admin/webhooks"))!.AsArray();

        Assert.Single(before);
        Assert.Empty(after);
    }

    [Fact]
    public async Task Sockets_UnsupportedVsn_CountedUnderItsReason()
    {
        await using var host = RetentionHost.Start();
        var socket = host.River.Server.CreateWebSocketClient();

        await Assert.ThrowsAnyAsync<Exception>(() => socket.ConnectAsync(
            new Uri($"ws://{HarnessHost.RiverHost}/socket/websocket?vsn=9.9.9&token=x"), CancellationToken.None));

        Assert.Equal(1, host.RiverService<PhoenixJournal>().RefusedUpgrades()["400 unsupported vsn"]);
        Assert.Empty(host.RiverService<PhoenixJournal>().Entries());
    }
}
