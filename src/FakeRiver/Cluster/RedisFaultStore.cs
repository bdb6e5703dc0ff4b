using System.Text.Json;
using FakeRiver.Requests;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// Faults of <c>/__admin/faults</c> shared by every node (docs/ARCHITECTURE.md 2.1). Each change is one Lua script,
/// so it is atomic: a request on any node takes its uses with one script that decrements each matching fault's
/// count (<c>HINCRBY -1</c>) and drops a fault at zero, so "the next N requests" means N cluster-wide.
/// Bounded by <see cref="FaultStore.MaxFaults"/> cluster-wide.
/// </summary>
internal sealed class RedisFaultStore(RedisState redis) : IFaultStore
{
    // KEYS: order, definitions, uses left, match. The helper drops one fault from all four.
    private const string Drop = """
        local function drop(id)
          redis.call('ZREM', KEYS[1], id)
          redis.call('HDEL', KEYS[2], id)
          redis.call('HDEL', KEYS[3], id)
          redis.call('HDEL', KEYS[4], id)
        end
        local function split(match)
          local at = string.find(match, '\n', 1, true)
          return string.sub(match, 1, at - 1), string.sub(match, at + 1)
        end
        """;

    // ARGV: id, definition, times, match, bound.
    private const string AddScript = """
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[5]) then return 0 end
        redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[5]), ARGV[1])
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
        redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
        redis.call('HSET', KEYS[4], ARGV[1], ARGV[4])
        return 1
        """;

    private const string ListScript = """
        local result = {}
        for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
          table.insert(result, redis.call('HGET', KEYS[2], id) or '')
          table.insert(result, redis.call('HGET', KEYS[3], id) or '0')
        end
        return result
        """;

    // ARGV: project ('' for any), workflow. Returns the definitions of the faults taken, oldest first.
    private const string TakeScript = Drop + "\n" + """
        local taken = {}
        for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
          local match = redis.call('HGET', KEYS[4], id)
          if match then
            local workflow, project = split(match)
            if workflow == ARGV[2] and (project == '*' or project == ARGV[1]) then
              table.insert(taken, redis.call('HGET', KEYS[2], id))
              if redis.call('HINCRBY', KEYS[3], id, -1) <= 0 then drop(id) end
            end
          end
        end
        return taken
        """;

    // ARGV: scope project ('' for every project), id.
    private const string RemoveScript = Drop + "\n" + """
        local match = redis.call('HGET', KEYS[4], ARGV[2])
        if not match then return 0 end
        local _, project = split(match)
        if ARGV[1] ~= '' and project ~= ARGV[1] then return 0 end
        drop(ARGV[2])
        return 1
        """;

    // ARGV: project ('' for all). A project's reset keeps the faults put for every project, as in memory.
    private const string ResetScript = Drop + "\n" + """
        for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
          local match = redis.call('HGET', KEYS[4], id)
          local project = match and select(2, split(match)) or ''
          if ARGV[1] == '' or project == ARGV[1] then drop(id) end
        end
        return 1
        """;

    private static readonly RedisKey[] Keys =
    [
        RedisAdminKeys.FaultOrder, RedisAdminKeys.FaultDefinitions, RedisAdminKeys.FaultUsesLeft,
        RedisAdminKeys.FaultMatch, RedisAdminKeys.FaultSequence,
    ];

    public async ValueTask<bool> AddAsync(RuntimeFault fault)
    {
        var match = $"{fault.Workflow}\n{fault.Project ?? "*"}";
        var added = await redis.Db.ScriptEvaluateAsync(AddScript, Keys,
            [fault.Id, JsonSerializer.Serialize(fault), fault.Times, match, FaultStore.MaxFaults]);
        return (int)added == 1;
    }

    public async ValueTask<IReadOnlyList<(RuntimeFault Fault, int Left)>> ListAsync(string? project)
    {
        var flat = (RedisResult[])(await redis.Db.ScriptEvaluateAsync(ListScript, Keys))!;
        var faults = new List<(RuntimeFault, int)>();
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            if (Read(flat[i]) is not { } fault || (project is not null && fault.Project != project)) continue;
            faults.Add((fault, (int)flat[i + 1]));
        }
        return faults;
    }

    public async ValueTask<bool> RemoveAsync(string? project, string id) =>
        (int)await redis.Db.ScriptEvaluateAsync(RemoveScript, Keys, [project ?? "", id]) == 1;

    public async ValueTask<IReadOnlyList<RuntimeFault>> TakeAsync(string project, string workflow)
    {
        var taken = (RedisResult[])(await redis.Db.ScriptEvaluateAsync(TakeScript, Keys, [project, workflow]))!;
        return [.. taken.Select(Read).OfType<RuntimeFault>()];
    }

    public async ValueTask ResetAsync(string? project) =>
        await redis.Db.ScriptEvaluateAsync(ResetScript, Keys, [project ?? ""]);

    private static RuntimeFault? Read(RedisResult definition)
    {
        var text = (string?)definition;
        return string.IsNullOrEmpty(text) ? null : JsonSerializer.Deserialize<RuntimeFault>(text);
    }
}
