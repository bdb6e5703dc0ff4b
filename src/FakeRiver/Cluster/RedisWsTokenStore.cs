using System.Globalization;
using FakeRiver.Requests;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// Single-use ws_tokens in Redis: issued by any node, redeemed on any node with GETDEL, which reads and deletes in
/// one atomic step, so of two sockets racing with one token on two nodes exactly one gets it.
/// </summary>
internal sealed class RedisWsTokenStore(RedisState redis, RandomSource random, TimeProvider time, IOptions<FakeRiverOptions> options)
    : IWsTokenStore
{
    public async ValueTask<TokenGrant> IssueAsync(string projectId, string channelId)
    {
        var grant = new TokenGrant(random.NewToken(), projectId, channelId, time.GetUtcNow() + options.Value.TokenTtl);
        var value = $"{projectId}\n{channelId}\n{grant.ExpiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        await redis.Db.StringSetAsync(RedisKeys.Token(grant.Token), value, options.Value.TokenTtl);
        return grant;
    }

    public async ValueTask<(TokenRedeemResult Result, TokenGrant? Grant)> RedeemAsync(string? token)
    {
        if (string.IsNullOrEmpty(token)) return (TokenRedeemResult.Unknown, null);
        // A used token is gone, like one never issued: both are refused with the same 403.
        var value = await redis.Db.StringGetDeleteAsync(RedisKeys.Token(token));
        if (value.IsNull) return (TokenRedeemResult.Unknown, null);
        var parts = value.ToString().Split('\n');
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[2], CultureInfo.InvariantCulture));
        if (time.GetUtcNow() >= expiresAt) return (TokenRedeemResult.Expired, null);
        return (TokenRedeemResult.Ok, new TokenGrant(token, parts[0], parts[1], expiresAt));
    }

    public void Clear() => RedisScan.Delete(redis, "fr:tok:*", static _ => true);

    public void RemoveProject(string projectId) =>
        RedisScan.Delete(redis, "fr:tok:*", value => value.StartsWith(projectId + "\n", StringComparison.Ordinal));
}
