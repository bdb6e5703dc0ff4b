using System.Globalization;
using FakeRiver.Requests;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// Single-use ws_tokens in Redis: issued by any node, redeemed on any node with GETDEL, which reads and deletes in
/// one atomic step, so of two sockets racing with one token on two nodes exactly one gets it.
/// </summary>
public sealed class RedisWsTokenStore(RedisState redis, RandomSource random, TimeProvider time, IOptions<FakeRiverOptions> options)
    : IWsTokenStore
{
    public TokenGrant Issue(string projectId, string channelId)
    {
        var grant = new TokenGrant(random.NewToken(), projectId, channelId, time.GetUtcNow() + options.Value.TokenTtl);
        var value = $"{projectId}\n{channelId}\n{grant.ExpiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        redis.Db.StringSet(RedisKeys.Token(grant.Token), value, options.Value.TokenTtl);
        return grant;
    }

    public TokenRedeemResult TryRedeem(string? token, out TokenGrant? grant)
    {
        grant = null;
        if (string.IsNullOrEmpty(token)) return TokenRedeemResult.Unknown;
        // A used token is gone, like one never issued: both are refused with the same 403.
        var value = redis.Db.StringGetDelete(RedisKeys.Token(token));
        if (value.IsNull) return TokenRedeemResult.Unknown;
        var parts = value.ToString().Split('\n');
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[2], CultureInfo.InvariantCulture));
        if (time.GetUtcNow() >= expiresAt) return TokenRedeemResult.Expired;
        grant = new TokenGrant(token, parts[0], parts[1], expiresAt);
        return TokenRedeemResult.Ok;
    }

    public void Clear() => RedisScan.Delete(redis, "fr:tok:*", static _ => true);

    public void RemoveProject(string projectId) =>
        RedisScan.Delete(redis, "fr:tok:*", value => value.StartsWith(projectId + "\n", StringComparison.Ordinal));
}
