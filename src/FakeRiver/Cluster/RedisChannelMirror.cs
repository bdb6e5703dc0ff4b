using FakeRiver.Requests;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// Copies one request's channel events to its Redis stream and pub/sub channel, in the order the log appends them
/// (one connection keeps fire-and-forget commands in order). The final response ends the request's lease entry and
/// starts the retention clock on its record and stream.
/// </summary>
internal sealed class RedisChannelMirror(RedisState redis, string channelId, TimeSpan retention) : IChannelMirror
{
    private readonly RedisKey[] _keys = [RedisKeys.Stream(channelId), RedisKeys.Events(channelId)];

    public void Append(ChannelEvent evt)
    {
        var db = redis.Db;
        db.ScriptEvaluate(StreamEvents.AppendScript, _keys, StreamEvents.Arguments(evt), CommandFlags.FireAndForget);
        if (!evt.IsFinal) return;
        db.HashSet(RedisKeys.Record(channelId), RequestRecord.Final, "1", flags: CommandFlags.FireAndForget);
        db.HashDelete(RedisKeys.Live, channelId, CommandFlags.FireAndForget);
        db.KeyExpire(RedisKeys.Stream(channelId), retention, CommandFlags.FireAndForget);
        db.KeyExpire(RedisKeys.Record(channelId), retention, CommandFlags.FireAndForget);
    }
}
