using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Contract.ChatBackend.Infrastructure;
using FakeRiver;
using FakeRiver.Cluster;
using FakeRiver.Testing;
using FakeRiver.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Contract.Cluster;

/// <summary>
/// Webhook deliveries in cluster mode (docs/ARCHITECTURE.md 2.1): a node keeps the deliveries it is still trying in
/// Redis; when it dies mid-schedule exactly one other node takes them over and continues from the recorded attempt,
/// and a delivery that already succeeded is never sent again. The dying node is a real process, killed; a node that
/// stops cleanly, or whose lease lapses while it lives, hands its deliveries over the same way.
/// </summary>
public sealed class WebhookHandoverTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TimerResolution = TimeSpan.FromMilliseconds(50);

    // A quick second attempt, then a wait longer than a lease (1 s) plus a sweep, so the delivery is pending on the
    // doomed node when it is killed and its due time comes after the take-over.
    private static readonly (string Key, string Value)[] Schedule =
    [
        ("FakeRiver:WebhookRetrySchedule:0", "00:00:00.2"),
        ("FakeRiver:WebhookRetrySchedule:1", "00:00:03"),
        ("FakeRiver:WebhookRetrySchedule:2", "00:00:01"),
        ("FakeRiver:WebhookRetrySchedule:3", "00:00:01"),
    ];

    [Fact]
    public async Task Webhook_OwnerKilledWhileRetrying_OneOtherNodeContinuesTheScheduleAndDeliversOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var receiver = await LoopbackHookReceiver.StartAsync(healthy: false);
        await using var survivors = await StartSurvivorsAsync(redis);
        await using var doomed = await StartDoomedAsync(redis, receiver);
        await using var probe = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var db = probe.GetDatabase();

        var channelId = (await doomed.AcceptAsync("paced"))["channel_id"]!.GetValue<string>();
        var owner = (await db.HashGetAsync(RedisKeys.Record(channelId), FakeRiver.Cluster.RequestRecord.Owner)).ToString();
        await receiver.WaitForAsync(r => r.Count >= 2, Patience);
        // Both failed attempts are in the owner's ledger: the delivery is pending there, its third attempt 3 s away.
        var pending = await PendingAfterTwoAttemptsAsync(db, owner);
        Assert.Equal(2, receiver.Requests.Count);
        Assert.DoesNotContain("secret", pending.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        await doomed.KillAsync();
        receiver.Heal();

        var id = pending["id"]!.GetValue<string>();
        var delivered = await PollAsync(() => Task.FromResult(survivors.Nodes.SelectMany(n => n.GetWebhooks())
            .FirstOrDefault(d => d.Id == id && d.State == WebhookDeliveryState.Delivered)), "a survivor's journal showing the delivery delivered");
        await PollAsync(async () => await LedgersAsync(probe) == 0 ? "" : null, "no delivery left in any ledger");

        // One node took it over and continued the schedule: attempts 1 and 2 from the dead node, 3 at its due time.
        var taker = Assert.Single(survivors.Nodes, n => n.GetWebhooks().Any(d => d.Id == id));
        Assert.Equal([1, 2, 3], delivered.Attempts.Select(a => a.Number));
        Assert.Equal([500, 500, 200], delivered.Attempts.Select(a => a.StatusCode ?? 0));
        // Not at the take-over (about 1 s after the kill) but at the recorded due time, to the timers' resolution.
        var due = DateTimeOffset.Parse(pending["next_attempt_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(delivered.Attempts[2].SentAt >= due - TimerResolution, $"attempt 3 sent at {delivered.Attempts[2].SentAt:O}, due at {due:O}");
        // The receiver: three requests of the same delivery, one success, every one correctly signed over the same body.
        var requests = receiver.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Single(requests, r => r.Succeeded);
        Assert.True(requests[^1].Succeeded);
        Assert.All(requests, r => AssertSigned(r, id, delivered));
        // The taker has no request for it, yet its project-scoped journal lists it: the ledger kept the project.
        using var admin = taker.CreateClient();
        admin.DefaultRequestHeaders.Add("X-FakeRiver-Project", DevDefaults.ProjectId);
        var listed = JsonNode.Parse(await admin.GetStringAsync("/__admin/webhooks"))!.AsArray();
        Assert.Contains(listed, d => d!["id"]!.GetValue<string>() == id && d["project_id"]!.GetValue<string>() == DevDefaults.ProjectId);
        Assert.Null(taker.GetRequest(channelId));
    }

    [Fact]
    public async Task Webhook_DeliveredBeforeOwnerKilled_NoNodeSendsItAgain()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var receiver = await LoopbackHookReceiver.StartAsync(healthy: true);
        await using var survivors = await StartSurvivorsAsync(redis);
        await using var doomed = await StartDoomedAsync(redis, receiver);
        await using var probe = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var db = probe.GetDatabase();

        var channelId = (await doomed.AcceptAsync("paced"))["channel_id"]!.GetValue<string>();
        var owner = (await db.HashGetAsync(RedisKeys.Record(channelId), FakeRiver.Cluster.RequestRecord.Owner)).ToString();
        await receiver.WaitForAsync(r => r.Any(x => x.Succeeded), Patience);
        await PollAsync(async () => await db.HashLengthAsync(RedisKeys.Hooks(owner)) == 0 ? "" : null, "the delivered webhook out of the owner's ledger");
        await doomed.KillAsync();

        // A survivor has swept the dead node (its lease ran out, its empty ledger was claimed): nothing moved.
        await PollAsync(async () => await db.SetContainsAsync(RedisKeys.HookOwners, owner) ? null : "", "a survivor sweeping the dead node");
        Assert.Equal(0, await LedgersAsync(probe));
        Assert.DoesNotContain(survivors.Nodes.SelectMany(n => n.GetWebhooks()), d => d.ChannelId == channelId);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task Webhook_OwnerLeaseLapsedWhileAlive_OwnerStopsTryingAndOnlyTheTakerSends()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var receiver = await LoopbackHookReceiver.StartAsync(healthy: false);
        var ownerLog = new LogCapture();
        // The owner renews its lease only every 20 minutes: the test ends the lease by deleting it, the node lives on.
        await using var owner = await FakeRiverServer.StartAsync(o =>
        {
            ConfigureNode(o, redis);
            o.Settings["FakeRiver:ClusterLease"] = "01:00:00";
            o.WebhookUrl = receiver.Url;
            o.ConfigureLogging = logging => logging.AddProvider(ownerLog);
        });
        await using var taker = await FakeRiverServer.StartAsync(o => ConfigureNode(o, redis));
        await using var probe = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var db = probe.GetDatabase();
        var ownerId = owner.Services.GetRequiredService<RedisState>().NodeId;

        await ClusterNodes.AcceptAsync(owner, "paced");
        await receiver.WaitForAsync(r => r.Count >= 2, Patience);
        var id = (await PendingAfterTwoAttemptsAsync(db, ownerId))["id"]!.GetValue<string>();
        await db.KeyDeleteAsync(RedisKeys.Node(ownerId));
        await taker.WaitForWebhookAsync(d => d.Id == id, Patience);
        receiver.Heal();

        var delivered = await taker.WaitForWebhookAsync(d => d.Id == id && d.State == WebhookDeliveryState.Delivered, Patience);
        // At the due time the owner finds the delivery gone from its ledger and does not send it.
        await PollAsync(() => Task.FromResult(ownerLog.Lines.FirstOrDefault(l => l.Contains($"Webhook {id} was taken over", StringComparison.Ordinal))),
            "the owner noticing the take-over");
        Assert.Equal([1, 2, 3], delivered.Attempts.Select(a => a.Number));
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Single(receiver.Requests, r => r.Succeeded);
        Assert.Equal(2, Assert.Single(owner.GetWebhooks(), d => d.Id == id).Attempts.Count);
    }

    [Fact]
    public async Task Webhook_OwnerStoppedCleanlyWhileRetrying_AnotherNodeContinuesIt()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var receiver = await LoopbackHookReceiver.StartAsync(healthy: false);
        await using var owner = await FakeRiverServer.StartAsync(o =>
        {
            ConfigureNode(o, redis);
            o.WebhookUrl = receiver.Url;
        });
        await using var taker = await FakeRiverServer.StartAsync(o => ConfigureNode(o, redis));
        await using var probe = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var ownerId = owner.Services.GetRequiredService<RedisState>().NodeId;

        await ClusterNodes.AcceptAsync(owner, "paced");
        await receiver.WaitForAsync(r => r.Count >= 2, Patience);
        var id = (await PendingAfterTwoAttemptsAsync(probe.GetDatabase(), ownerId))["id"]!.GetValue<string>();
        // A rolling restart: the host stops its dispatcher, the ledger keeps the delivery for the lease to run out.
        await owner.DisposeAsync();
        receiver.Heal();

        var delivered = await taker.WaitForWebhookAsync(d => d.Id == id && d.State == WebhookDeliveryState.Delivered, Patience);
        Assert.Equal([1, 2, 3], delivered.Attempts.Select(a => a.Number));
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Fact]
    public async Task Webhook_InMemoryDefault_KeepsNoLedger()
    {
        await using var river = await FakeRiverServer.StartAsync();

        Assert.Same(NoWebhookLedger.Instance, river.Services.GetRequiredService<IWebhookLedger>());
    }

    private static void ConfigureNode(FakeRiverServerOptions options, RedisServer redis)
    {
        ClusterNodes.Configure(options, redis);
        foreach (var (key, value) in Schedule) options.Settings[key] = value;
    }

    /// <summary>The delivery in <paramref name="node"/>'s ledger once its two failed attempts are recorded there.</summary>
    private static Task<JsonObject> PendingAfterTwoAttemptsAsync(IDatabase db, string node) =>
        PollAsync(async () =>
        {
            var entries = await db.HashValuesAsync(RedisKeys.Hooks(node));
            return entries.Select(e => (JsonObject)JsonNode.Parse(e.ToString())!)
                .SingleOrDefault(d => d["attempts"]!.AsArray().Count == 2 && d["state"]?.GetValue<string>() == "pending");
        }, "two attempts recorded in the owner's ledger");

    private static Task<ClusterNodes> StartSurvivorsAsync(RedisServer redis) =>
        ClusterNodes.StartAsync(redis, 2, o =>
        {
            foreach (var (key, value) in Schedule) o.Settings[key] = value;
        });

    private static Task<ChildNode> StartDoomedAsync(RedisServer redis, LoopbackHookReceiver receiver) =>
        ChildNode.StartAsync(redis, [$"--FakeRiver:WebhookUrl={receiver.Url}", .. Schedule.Select(s => $"--{s.Key}={s.Value}")]);

    private static void AssertSigned(LoopbackHookReceiver.Received request, string id, WebhookDelivery delivery)
    {
        Assert.Equal(id, request.WebhookId);
        Assert.Equal(delivery.Body, request.Body);
        Assert.Equal(WebhookSigner.Hmac(DevDefaults.WebhookSecret, $"{request.Timestamp}.{delivery.DataText}"), request.Signature);
        Assert.Equal(WebhookSigner.Hmac(DevDefaults.WebhookSecret, request.Body), request.DocsSignature);
    }

    /// <summary>How many deliveries all nodes' ledgers hold.</summary>
    private static async Task<long> LedgersAsync(IConnectionMultiplexer probe)
    {
        var total = 0L;
        await foreach (var key in probe.GetServers()[0].KeysAsync(pattern: "fr:hooks:*"))
            total += await probe.GetDatabase().HashLengthAsync(key);
        return total;
    }

    /// <summary>Checks every 50 ms until <paramref name="probe"/> finds something, failing after <see cref="Patience"/>.</summary>
    private static async Task<T> PollAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (true)
        {
            if (await probe() is { } found) return found;
            try
            {
                await tick.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Gave up after {Patience.TotalSeconds:0} s waiting for {what}");
            }
        }
    }
}
