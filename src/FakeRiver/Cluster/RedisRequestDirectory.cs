using FakeRiver.Requests;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// Request records in Redis: written when a request is accepted (before its ws_token is handed out), so a reconnect,
/// a join or a callback on any node finds it. The owning node also mirrors the request's channel to its stream.
/// </summary>
internal sealed class RedisRequestDirectory(RedisState redis, RequestRegistry registry, IOptions<FakeRiverOptions> options,
    RedisJournals journals) : IRequestDirectory
{
    public async ValueTask PublishAsync(RiverRequest request)
    {
        // The mirror first: the pipeline has not started, so no event is missed; the record before the live entry,
        // so a sweeping node never finds a live request without a record.
        request.Log.Mirror = new RedisChannelMirror(redis, request.ChannelId, options.Value.ClusterRetention);
        await redis.Db.HashSetAsync(RedisKeys.Record(request.ChannelId), RequestRecord.Fields(request, redis.NodeId));
        await redis.Db.HashSetAsync(RedisKeys.Live, request.ChannelId, redis.NodeId);
        journals.AppendRequest(request);
    }

    public async ValueTask<RequestLocation?> FindAsync(string channelId)
    {
        if (registry.TryGet(channelId, out var local)) return new RequestLocation(local.ChannelId, local.ProjectId, local.PublicBaseUri);
        var values = await redis.Db.HashGetAsync(RedisKeys.Record(channelId), [RequestRecord.Project, RequestRecord.Base]);
        if (values[0].IsNull || values[1].IsNull) return null;
        return new RequestLocation(channelId, values[0].ToString(), new Uri(values[1].ToString()));
    }
}
