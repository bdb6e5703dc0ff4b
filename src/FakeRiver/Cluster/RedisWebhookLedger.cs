using System.Text.Json;
using FakeRiver.Webhooks;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// The webhook deliveries a node is still trying, in its Redis hash <c>fr:hooks:{node}</c> (docs/ARCHITECTURE.md 2.1):
/// the delivery as the journal shows it — id, URL, exact body and signed data text, attempts so far, next due time —
/// and no signature or secret (each node signs with its own configured secret). When a node's lease runs out, one
/// surviving node moves the whole hash to its own in one Lua script (<see cref="ClaimAsync"/>), so exactly one node
/// continues each delivery. Redis trouble never stops a delivery: the node keeps trying it, unrecorded.
/// </summary>
internal sealed class RedisWebhookLedger(RedisState redis, ILogger<RedisWebhookLedger> logger) : IWebhookLedger
{
    // KEYS: ledger, owners set. ARGV: id, delivery JSON, node.
    private const string AddScript = """
        redis.call('SADD', KEYS[2], ARGV[3])
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        """;

    // KEYS: ledger. ARGV: id, delivery JSON. Returns 0 when the delivery is no longer in this node's ledger.
    private const string UpdateScript = """
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """;

    // KEYS: dead node's lease, its ledger, the claimer's ledger, owners set. ARGV: dead node, claimer.
    // Nothing while the lease lives; otherwise the dead node's entries move to the claimer and are returned
    // (id, JSON, id, JSON...). Atomic: a second claimer finds the ledger empty.
    private const string ClaimScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return {} end
        local entries = redis.call('HGETALL', KEYS[2])
        redis.call('DEL', KEYS[2])
        redis.call('SREM', KEYS[4], ARGV[1])
        if #entries > 0 then
          for i = 1, #entries, 2 do redis.call('HSET', KEYS[3], entries[i], entries[i + 1]) end
          redis.call('SADD', KEYS[4], ARGV[2])
        end
        return entries
        """;

    public async Task AddAsync(WebhookDelivery delivery)
    {
        try
        {
            await redis.Db.ScriptEvaluateAsync(AddScript, [RedisKeys.Hooks(redis.NodeId), RedisKeys.HookOwners],
                [delivery.Id, Serialize(delivery), redis.NodeId]);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning("Webhook {Id} not recorded in Redis ({Error}); this node still delivers it", delivery.Id, e.Message);
        }
    }

    public async Task<bool> UpdateAsync(WebhookDelivery delivery)
    {
        try
        {
            var kept = await redis.Db.ScriptEvaluateAsync(UpdateScript, [RedisKeys.Hooks(redis.NodeId)], [delivery.Id, Serialize(delivery)]);
            return (int)kept == 1;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning("Webhook {Id} attempt not recorded in Redis ({Error}); this node keeps delivering it", delivery.Id, e.Message);
            return true;
        }
    }

    public async Task RemoveAsync(string deliveryId)
    {
        try
        {
            await redis.Db.HashDeleteAsync(RedisKeys.Hooks(redis.NodeId), deliveryId);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning("Webhook {Id} finished but not removed from Redis ({Error})", deliveryId, e.Message);
        }
    }

    /// <summary>The nodes other than this one that may have left deliveries behind.</summary>
    public async Task<IReadOnlyList<string>> OtherOwnersAsync() =>
        [.. (await redis.Db.SetMembersAsync(RedisKeys.HookOwners)).Select(v => v.ToString()).Where(n => n != redis.NodeId)];

    /// <summary>
    /// Takes over the deliveries of <paramref name="owner"/> if its lease has run out: they move to this node's ledger
    /// and are returned for this node to continue. Empty while the owner lives or when another node claimed first.
    /// </summary>
    public async Task<IReadOnlyList<WebhookDelivery>> ClaimAsync(string owner)
    {
        var entries = (RedisResult[])(await redis.Db.ScriptEvaluateAsync(ClaimScript,
            [RedisKeys.Node(owner), RedisKeys.Hooks(owner), RedisKeys.Hooks(redis.NodeId), RedisKeys.HookOwners],
            [owner, redis.NodeId]))!;
        var claimed = new List<WebhookDelivery>(entries.Length / 2);
        for (var i = 1; i < entries.Length; i += 2)
        {
            try
            {
                if (JsonSerializer.Deserialize<WebhookDelivery>(entries[i].ToString(), WebhookAdminJson.Options) is { } delivery)
                    claimed.Add(delivery);
            }
            catch (JsonException e)
            {
                // Not one this version wrote: dropped from the ledger rather than retried by every sweep.
                logger.LogWarning("Webhook {Id} left by node {Owner} cannot be read ({Error}); it is dropped", entries[i - 1], owner, e.Message);
                await redis.Db.HashDeleteAsync(RedisKeys.Hooks(redis.NodeId), entries[i - 1].ToString());
            }
        }
        return claimed;
    }

    private static string Serialize(WebhookDelivery delivery) => JsonSerializer.Serialize(delivery, WebhookAdminJson.Options);
}
