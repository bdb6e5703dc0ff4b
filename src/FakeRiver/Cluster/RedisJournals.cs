using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.Admin;
using FakeRiver.Requests;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// The <c>/__admin</c> journals of every node (docs/ARCHITECTURE.md 2.1). An entry goes, in one Lua script sent
/// without waiting (one connection keeps a node's entries in order), to the journal's stream <c>fr:j:{kind}</c> and,
/// under the same stream id, to its project's stream <c>fr:j:{kind}:p:{project}</c>; the script reads the project
/// from the request's record <c>fr:req:{channel}</c>, so an entry of a request owned by another node is still
/// scoped. Each stream is capped (<c>MAXLEN</c>) at <see cref="RetentionOptions.MaxJournalEntries"/> (webhook
/// snapshots at four times that: a delivery writes one per change; request snapshots at twice
/// <see cref="RetentionOptions.MaxRequests"/>: one when accepted, one when ended) and expires
/// <see cref="RetentionOptions.MaxAge"/> after its last entry; older entries are not listed.
/// </summary>
internal sealed class RedisJournals(RedisState redis, IOptions<FakeRiverOptions> options, TimeProvider time) : ISharedJournals
{
    // KEYS: the journal's stream, the channel's record. ARGV: cap, ttl ms, entry id, json, project stream prefix, has channel.
    private const string AppendScript = """
        local project = ''
        if ARGV[6] == '1' then project = redis.call('HGET', KEYS[2], 'project') or '' end
        local id = redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[1], '*', 'p', project, 'e', ARGV[3], 'j', ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        if project ~= '' then
          local key = ARGV[5] .. project
          redis.call('XADD', key, 'MAXLEN', ARGV[1], id, 'e', ARGV[3], 'j', ARGV[4])
          redis.call('PEXPIRE', key, ARGV[2])
        end
        return id
        """;

    // KEYS: the journal's stream, the project's stream. Its entries leave the journal's stream too (same ids).
    private const string ResetProjectScript = """
        for _, entry in ipairs(redis.call('XRANGE', KEYS[2], '-', '+')) do redis.call('XDEL', KEYS[1], entry[1]) end
        redis.call('DEL', KEYS[2])
        return 1
        """;

    private const int WebhookSnapshotsPerEntry = 4;

    public bool IsShared => true;

    public void Append(JournalKind kind, string? channelId, string? entryId, JsonNode entry)
    {
        var retention = options.Value.Retention;
        var cap = kind switch
        {
            JournalKind.Webhooks => retention.MaxJournalEntries * WebhookSnapshotsPerEntry,
            JournalKind.Requests => retention.MaxRequests * 2, // accepted and ended
            _ => retention.MaxJournalEntries,
        };
        RedisKey[] keys = [RedisAdminKeys.Journal(kind), channelId is null ? RedisAdminKeys.Journal(kind) : RedisKeys.Record(channelId)];
        RedisValue[] args =
        [
            cap, (long)retention.MaxAge.TotalMilliseconds, entryId ?? "", entry.ToJsonString(),
            RedisAdminKeys.ProjectJournalPrefix(kind), channelId is null ? "0" : "1",
        ];
        try
        {
            redis.Db.ScriptEvaluate(AppendScript, keys, args, CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Redis is away: the entry stays in this node's memory only; a journal never fails what it records.
        }
    }

    public void CountRefused(string reason)
    {
        try
        {
            redis.Db.HashIncrement(RedisAdminKeys.RefusedUpgrades, reason, 1, CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Redis is away: counted in this node's memory only.
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> RefusedAsync()
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in await redis.Db.HashGetAllAsync(RedisAdminKeys.RefusedUpgrades)) counts[entry.Name.ToString()] = (long)entry.Value;
        return counts;
    }

    /// <summary>
    /// Shares a request accepted here for <c>/__admin/requests</c> on every node: its summary now, and again when it
    /// ends (with its AI data), after its record is written (the entries are scoped through it).
    /// </summary>
    public void AppendRequest(RiverRequest request)
    {
        Append(JournalKind.Requests, request.ChannelId, request.ChannelId, AdminEndpoints.Summary(request));
        request.Log.OnFinal(() =>
        {
            var ended = AdminEndpoints.Summary(request);
            ended["ai_data"] = request.AiData?.DeepClone();
            ended["ai_meta"] = request.AiMeta?.DeepClone();
            Append(JournalKind.Requests, request.ChannelId, request.ChannelId, ended);
        });
    }

    public async Task<JsonObject?> ReadRequestAsync(string channelId, string? projectId)
    {
        var snapshot = JournalSnapshots.Newest(await ReadAsync(JournalKind.Requests, projectId), "channel_id")
            .FirstOrDefault(s => JournalSnapshots.Text(s, "channel_id") == channelId);
        if (snapshot is null) return null;
        // Tokens and the latest response from the channel's stream, as the owner's log holds them.
        var events = (await redis.Db.StreamRangeAsync(RedisKeys.Stream(channelId))).Select(StreamEvents.FromEntry).ToList();
        var detail = new JsonObject();
        foreach (var (name, value) in snapshot)
        {
            if (name is not ("ai_data" or "ai_meta")) detail[name] = value?.DeepClone();
        }
        detail["tokens"] = new JsonArray([.. events.Where(e => e.Event == ChannelEvent.Tokens).Select(e => JsonNode.Parse(e.PayloadUtf8.Span))]);
        detail["latest_response"] = events.LastOrDefault(e => e.Event == ChannelEvent.Response) is { } response ? JsonNode.Parse(response.PayloadUtf8.Span) : null;
        detail["ai_data"] = snapshot["ai_data"]?.DeepClone();
        detail["ai_meta"] = snapshot["ai_meta"]?.DeepClone();
        return detail;
    }

    public async Task<IReadOnlyList<JsonNode>> ReadAsync(JournalKind kind, string? projectId)
    {
        var key = projectId is null ? RedisAdminKeys.Journal(kind) : RedisAdminKeys.ProjectJournalPrefix(kind) + projectId;
        // Stream ids start with Redis's clock in milliseconds: what is older than the retention age is not listed.
        var oldest = (time.GetUtcNow() - options.Value.Retention.MaxAge).ToUnixTimeMilliseconds();
        var entries = new List<JsonNode>();
        foreach (var entry in await redis.Db.StreamRangeAsync(key, $"{oldest.ToString(CultureInfo.InvariantCulture)}-0", "+"))
        {
            var json = entry["j"];
            if (!json.IsNull && JsonNode.Parse(json.ToString()) is { } node) entries.Add(node);
        }
        return entries;
    }

    public async Task ResetAsync(string? projectId)
    {
        if (projectId is null) DeleteAllJournals();
        else
        {
            foreach (var kind in Enum.GetValues<JournalKind>())
            {
                await redis.Db.ScriptEvaluateAsync(ResetProjectScript,
                    [RedisAdminKeys.Journal(kind), RedisAdminKeys.ProjectJournalPrefix(kind) + projectId]);
            }
        }
        var notice = new JsonObject { ["from"] = redis.NodeId, ["project_id"] = projectId };
        await redis.Subscriber.PublishAsync(RedisChannel.Literal(RedisAdminKeys.ResetNotices), notice.ToJsonString());
    }

    private void DeleteAllJournals()
    {
        foreach (var server in redis.Connection.GetServers())
        {
            if (!server.IsConnected || server.IsReplica) continue;
            foreach (var key in server.Keys(pattern: RedisAdminKeys.AllJournals, pageSize: 500)) redis.Db.KeyDelete(key);
        }
    }

    /// <summary>Reads a reset notice: the node it came from and the project (null: everything).</summary>
    public static (string From, string? ProjectId)? ReadNotice(RedisValue message)
    {
        try
        {
            if (JsonNode.Parse(message.ToString()) is not JsonObject notice || notice["from"] is not JsonValue from) return null;
            return (from.GetValue<string>(), notice["project_id"]?.GetValue<string>());
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
