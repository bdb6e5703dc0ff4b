using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace FakeRiver.Requests;

/// <summary>
/// Opaque, single-use ws_tokens bound to one channel, with a TTL (docs/ARCHITECTURE.md 3.3). The first socket that
/// authenticates with a token uses it up; a reconnect issues a fresh one and the old one stays dead.
/// </summary>
internal sealed class WsTokenStore(RandomSource random, TimeProvider time, IOptions<FakeRiverOptions> options)
{
    private readonly ConcurrentDictionary<string, TokenEntry> _tokens = new(StringComparer.Ordinal);

    public TokenGrant Issue(string projectId, string channelId)
    {
        var grant = new TokenGrant(random.NewToken(), projectId, channelId, time.GetUtcNow() + options.Value.TokenTtl);
        _tokens[grant.Token] = new TokenEntry(grant);
        return grant;
    }

    /// <summary>Uses the token up if it is known, unused and not expired; exactly one caller can succeed.</summary>
    public TokenRedeemResult TryRedeem(string? token, out TokenGrant? grant)
    {
        grant = null;
        if (string.IsNullOrEmpty(token) || !_tokens.TryGetValue(token, out var entry)) return TokenRedeemResult.Unknown;
        if (time.GetUtcNow() >= entry.Grant.ExpiresAt) return TokenRedeemResult.Expired;
        if (Interlocked.Exchange(ref entry.Used, 1) == 1) return TokenRedeemResult.AlreadyUsed;
        grant = entry.Grant;
        return TokenRedeemResult.Ok;
    }

    public void Clear() => _tokens.Clear();

    /// <summary>Forgets one project's tokens (a project-scoped admin reset).</summary>
    public void RemoveProject(string projectId)
    {
        foreach (var (token, entry) in _tokens.Where(t => t.Value.Grant.ProjectId == projectId).ToList()) _tokens.TryRemove(token, out _);
    }

    private sealed class TokenEntry(TokenGrant grant)
    {
        public TokenGrant Grant { get; } = grant;
        public int Used;
    }
}
