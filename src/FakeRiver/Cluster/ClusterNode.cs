using System.Text.Json.Nodes;
using FakeRiver.Api;
using FakeRiver.Requests;
using FakeRiver.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// A node's life in the cluster (docs/ARCHITECTURE.md 2.1): connects at start-up (no Redis, no start), renews its
/// lease every third of <see cref="FakeRiverOptions.ClusterLease"/> (on a loop of its own, so a long sweep cannot
/// delay it), answers callbacks forwarded to it, and looks
/// for requests whose node's lease ran out: it claims each (SET NX, one winner) and ends it. It also takes over the
/// webhook deliveries such a node was still trying (<see cref="RedisWebhookLedger.ClaimAsync"/>, one winner).
/// </summary>
internal sealed class ClusterNode(IServiceProvider services, IOptions<FakeRiverOptions> options, TimeProvider time,
    ILogger<ClusterNode> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Redis)) return;
        var redis = services.GetRequiredService<RedisState>();
        await RenewLeaseAsync(redis);
        var inbox = await redis.Subscriber.SubscribeAsync(RedisChannel.Literal(RedisKeys.Inbox(redis.NodeId)));
        inbox.OnMessage(message => AnswerCallbackAsync(redis, message.Message));
        var replies = await redis.Subscriber.SubscribeAsync(RedisChannel.Literal(RedisKeys.Replies(redis.NodeId)));
        var router = services.GetRequiredService<RedisCallbackRouter>();
        replies.OnMessage(message =>
        {
            if (JsonNode.Parse(message.Message.ToString()) is JsonObject reply) router.Complete(reply);
        });
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Redis)) return;
        var redis = services.GetRequiredService<RedisState>();
        // Two loops: a sweep over many requests can take longer than the lease, and a live node must never look dead
        // to the others because its own sweep was slow (that ended healthy streams under load).
        await Task.WhenAll(
            RepeatAsync(() => RenewLeaseAsync(redis), "lease renewal", stoppingToken),
            RepeatAsync(async () =>
            {
                await AdoptOrphansAsync(redis);
                await AdoptDeliveriesAsync(redis);
            }, "sweep", stoppingToken));
    }

    /// <summary>Runs <paramref name="round"/> every third of the lease until the node stops; a Redis fault skips one round.</summary>
    private async Task RepeatAsync(Func<Task> round, string what, CancellationToken stoppingToken)
    {
        var period = options.Value.ClusterLease / 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, time, stoppingToken);
                await round();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Redis is away: the multiplexer reconnects by itself; the next round tries again.
                logger.LogWarning("Cluster {Round} failed: {Error}", what, e.Message);
            }
        }
    }

    private Task RenewLeaseAsync(RedisState redis) =>
        redis.Db.StringSetAsync(RedisKeys.Node(redis.NodeId), "1", options.Value.ClusterLease);

    private async Task AdoptOrphansAsync(RedisState redis)
    {
        var finisher = services.GetRequiredService<OrphanFinisher>();
        // One lease look-up per owner, not per request: a sweep of thousands of live requests stays a few round trips.
        var alive = new Dictionary<string, bool>(StringComparer.Ordinal) { [redis.NodeId] = true };
        foreach (var entry in await redis.Db.HashGetAllAsync(RedisKeys.Live))
        {
            var owner = entry.Value.ToString();
            if (!alive.TryGetValue(owner, out var isAlive)) alive[owner] = isAlive = await redis.Db.KeyExistsAsync(RedisKeys.Node(owner));
            if (isAlive) continue;
            var channelId = entry.Name.ToString();
            if (!await redis.Db.StringSetAsync(RedisKeys.Claim(channelId, owner), redis.NodeId, options.Value.ClusterRetention, When.NotExists)) continue;
            logger.LogWarning("Node {Owner} stopped; node {Node} takes over its request {Channel}", owner, redis.NodeId, channelId);
            await finisher.FinishAsync(channelId);
        }
    }

    private async Task AdoptDeliveriesAsync(RedisState redis)
    {
        var ledger = services.GetRequiredService<RedisWebhookLedger>();
        foreach (var owner in await ledger.OtherOwnersAsync())
        {
            if (await redis.Db.KeyExistsAsync(RedisKeys.Node(owner))) continue;
            var claimed = await ledger.ClaimAsync(owner);
            if (claimed.Count == 0) continue;
            logger.LogWarning("Node {Owner} stopped; node {Node} continues its {Count} webhook deliveries", owner, redis.NodeId, claimed.Count);
            var dispatcher = services.GetRequiredService<WebhookDispatcher>();
            foreach (var delivery in claimed) dispatcher.Resume(delivery);
        }
    }

    private async Task AnswerCallbackAsync(RedisState redis, RedisValue text)
    {
        if (JsonNode.Parse(text.ToString()) is not JsonObject message) return;
        var channelId = message["channel_id"]!.GetValue<string>();
        var registry = services.GetRequiredService<RequestRegistry>();
        var answer = registry.TryGet(channelId, out var request) && request.ProjectId == message["project_id"]!.GetValue<string>()
            ? services.GetRequiredService<CallbackHandler>().Handle(request, message["body"] as JsonObject ?? [])
            : CallbackHandler.NotFound(channelId);
        var reply = new JsonObject { ["id"] = message["id"]!.GetValue<string>(), ["status"] = answer.Status, ["body"] = answer.Body };
        await redis.Subscriber.PublishAsync(RedisChannel.Literal(RedisKeys.Replies(message["reply_to"]!.GetValue<string>())), reply.ToJsonString());
    }
}
