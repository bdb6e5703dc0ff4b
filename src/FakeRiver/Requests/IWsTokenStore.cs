namespace FakeRiver.Requests;

/// <summary>
/// Single-use ws_tokens (docs/ARCHITECTURE.md 3.3): in memory by default (<see cref="WsTokenStore"/>), in Redis in
/// cluster mode so a token issued by one node opens a socket on any other, exactly once.
/// </summary>
internal interface IWsTokenStore
{
    ValueTask<TokenGrant> IssueAsync(string projectId, string channelId);

    /// <summary>Uses the token up if it is known, unused and not expired; exactly one caller, on any node, can succeed.</summary>
    ValueTask<(TokenRedeemResult Result, TokenGrant? Grant)> RedeemAsync(string? token);

    void Clear();

    void RemoveProject(string projectId);
}
