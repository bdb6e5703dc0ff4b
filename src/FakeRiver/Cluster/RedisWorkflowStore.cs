using FakeRiver.Workflows;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// Run-time workflows shared by every node (docs/ARCHITECTURE.md 2.1). A PUT stores its body in the hash
/// <c>fr:wf</c> and raises <c>fr:wf:gen</c> in one script before it is answered; every node reads the generation
/// before it accepts a request (one GET) and reloads its <see cref="LiveWorkflows"/> copy when it moved. So a PUT
/// acknowledged by one node is in force for the next request any node accepts. Bounded by
/// <see cref="LiveWorkflows.MaxDefinitions"/> cluster-wide.
/// </summary>
internal sealed class RedisWorkflowStore(RedisState redis, LiveWorkflows live, ILogger<RedisWorkflowStore> logger)
    : IRuntimeWorkflows
{
    private const string PutScript = """
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('INCR', KEYS[2])
        return 1
        """;

    private const string RemoveScript = """
        local removed = redis.call('HDEL', KEYS[1], ARGV[1])
        if removed == 1 then redis.call('INCR', KEYS[2]) end
        return removed
        """;

    // ARGV[1]: "{project}\n" to forget one project's definitions, "" for all.
    private const string ResetScript = """
        if ARGV[1] == '' then
          redis.call('DEL', KEYS[1])
        else
          for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
            if string.sub(field, 1, #ARGV[1]) == ARGV[1] then redis.call('HDEL', KEYS[1], field) end
          end
        end
        redis.call('INCR', KEYS[2])
        return 1
        """;

    private static readonly RedisKey[] Keys = [RedisAdminKeys.Workflows, RedisAdminKeys.WorkflowsGeneration];

    private readonly SemaphoreSlim _reload = new(1, 1);
    private long _loadedGeneration = -1;
    private long _loadedVersion = -1;

    public async ValueTask RefreshAsync()
    {
        if (IsCurrent(await GenerationAsync())) return;
        await _reload.WaitAsync();
        try
        {
            // Generation first, then the hash: a change in between only makes the next call reload once more.
            var generation = await GenerationAsync();
            if (IsCurrent(generation)) return;
            var definitions = new List<(string?, WorkflowDefinition)>();
            foreach (var entry in await redis.Db.HashGetAllAsync(RedisAdminKeys.Workflows))
            {
                var (project, name) = SplitField(entry.Name.ToString());
                var (workflow, errors) = WorkflowEntryReader.Read(entry.Value.ToString(), "body", name, live.File.StructuredOutputs);
                if (workflow is not null) definitions.Add((project, workflow));
                else logger.LogWarning("Run-time workflow {Name} from Redis does not read here: {Errors}", name, string.Join("; ", errors));
            }
            Volatile.Write(ref _loadedVersion, live.ReplaceAll(definitions));
            Volatile.Write(ref _loadedGeneration, generation);
        }
        finally
        {
            _reload.Release();
        }
    }

    public async ValueTask<bool> PutAsync(string? project, WorkflowDefinition workflow, string text)
    {
        var stored = await redis.Db.ScriptEvaluateAsync(PutScript, Keys, [Field(project, workflow.Name), text, LiveWorkflows.MaxDefinitions]);
        return (int)stored == 1;
    }

    public async ValueTask<bool> RemoveAsync(string? project, string name) =>
        (int)await redis.Db.ScriptEvaluateAsync(RemoveScript, Keys, [Field(project, name)]) == 1;

    public async ValueTask ResetAsync(string? project) =>
        await redis.Db.ScriptEvaluateAsync(ResetScript, Keys, [project is null ? "" : project + "\n"]);

    // A local change (an admin reset told by another node) moves the version: reload even at the same generation.
    private bool IsCurrent(long generation) =>
        generation == Volatile.Read(ref _loadedGeneration) && live.Version == Volatile.Read(ref _loadedVersion);

    private async Task<long> GenerationAsync()
    {
        var value = await redis.Db.StringGetAsync(RedisAdminKeys.WorkflowsGeneration);
        return value.IsNull ? 0 : (long)value;
    }

    // Names are letters, digits, '_', '-', '.'; project ids are UUIDs: neither holds a newline or is "*".
    private static string Field(string? project, string name) => $"{project ?? "*"}\n{name}";

    private static (string? Project, string Name) SplitField(string field)
    {
        var at = field.IndexOf('\n', StringComparison.Ordinal);
        var scope = field[..at];
        return (scope == "*" ? null : scope, field[(at + 1)..]);
    }
}
