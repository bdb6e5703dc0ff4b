using Microsoft.Extensions.Options;

namespace FakeRiver.Requests;

/// <summary>
/// Opaque, single-use ws_tokens bound to one channel, with a TTL (docs/ARCHITECTURE.md 3.3). The first socket that
/// authenticates with a token uses it up; a reconnect issues a fresh one and the old one stays dead. Thread-safe.
/// Bounded by <see cref="RetentionOptions"/>: a token is forgotten <see cref="RetentionOptions.MaxAge"/> after it
/// expired (until then a reuse is still answered "used" or "expired" rather than "unknown"), and beyond
/// <see cref="RetentionOptions.MaxTokens"/> the oldest-issued go first; a client whose token went that way is
/// refused like any stale token and reconnects for a fresh one.
/// </summary>
internal sealed class WsTokenStore(RandomSource random, TimeProvider time, IOptions<FakeRiverOptions> options) : IWsTokenStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TokenEntry> _tokens = new(StringComparer.Ordinal);

    // Issue order; with one TTL for all, also expiry order: the head is always the first to go.
    private readonly Queue<TokenEntry> _issued = new();

    /// <summary>Tokens held now, live or dead.</summary>
    public int Count
    {
        get { lock (_gate) return _tokens.Count; }
    }

    public TokenGrant Issue(string projectId, string channelId)
    {
        var grant = new TokenGrant(random.NewToken(), projectId, channelId, time.GetUtcNow() + options.Value.TokenTtl);
        var entry = new TokenEntry(grant);
        lock (_gate)
        {
            _tokens[grant.Token] = entry;
            _issued.Enqueue(entry);
            EvictLocked();
        }
        return grant;
    }

    /// <summary>Uses the token up if it is known, unused and not expired; exactly one caller can succeed.</summary>
    public TokenRedeemResult TryRedeem(string? token, out TokenGrant? grant)
    {
        grant = null;
        if (string.IsNullOrEmpty(token)) return TokenRedeemResult.Unknown;
        lock (_gate)
        {
            EvictLocked();
            if (!_tokens.TryGetValue(token, out var entry)) return TokenRedeemResult.Unknown;
            if (time.GetUtcNow() >= entry.Grant.ExpiresAt) return TokenRedeemResult.Expired;
            if (entry.Used) return TokenRedeemResult.AlreadyUsed;
            entry.Used = true;
            grant = entry.Grant;
            return TokenRedeemResult.Ok;
        }
    }

    public ValueTask<TokenGrant> IssueAsync(string projectId, string channelId) => ValueTask.FromResult(Issue(projectId, channelId));

    public ValueTask<(TokenRedeemResult Result, TokenGrant? Grant)> RedeemAsync(string? token)
    {
        var result = TryRedeem(token, out var grant);
        return ValueTask.FromResult((result, grant));
    }


    public void Clear()
    {
        lock (_gate)
        {
            _tokens.Clear();
            _issued.Clear();
        }
    }

    private void EvictLocked()
    {
        var retention = options.Value.Retention;
        var now = time.GetUtcNow();
        while (_issued.TryPeek(out var head) && (_issued.Count > retention.MaxTokens || head.Grant.ExpiresAt + retention.MaxAge <= now))
        {
            _issued.Dequeue();
            _tokens.Remove(head.Grant.Token);
        }
    }

    /// <summary>Forgets one project's tokens (a project-scoped admin reset).</summary>
    public void RemoveProject(string projectId)
    {
        lock (_gate)
        {
            foreach (var token in _tokens.Where(t => t.Value.Grant.ProjectId == projectId).Select(t => t.Key).ToList()) _tokens.Remove(token);
            var keep = _issued.Where(e => e.Grant.ProjectId != projectId).ToList();
            _issued.Clear();
            foreach (var entry in keep) _issued.Enqueue(entry);
        }
    }

    private sealed class TokenEntry(TokenGrant grant)
    {
        public TokenGrant Grant { get; } = grant;

        public bool Used { get; set; }
    }
}
