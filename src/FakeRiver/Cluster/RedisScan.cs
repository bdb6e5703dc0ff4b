using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>Admin resets in cluster mode: deletes the keys of a pattern whose value passes a test (SCAN, not KEYS).</summary>
internal static class RedisScan
{
    public static void Delete(RedisState redis, string pattern, Func<string, bool> matches)
    {
        foreach (var server in redis.Connection.GetServers())
        {
            if (!server.IsConnected || server.IsReplica) continue;
            foreach (var key in server.Keys(pattern: pattern, pageSize: 500))
            {
                var value = redis.Db.StringGet(key);
                if (!value.IsNull && matches(value.ToString())) redis.Db.KeyDelete(key, CommandFlags.FireAndForget);
            }
        }
    }
}
