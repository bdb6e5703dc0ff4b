namespace FakeRiver.Cluster;

/// <summary>
/// Every Redis key and pub/sub channel cluster mode uses (docs/ARCHITECTURE.md 2.1), under one <c>fr:</c> prefix.
/// Per-request keys expire <see cref="FakeRiverOptions.ClusterRetention"/> after the request ends.
/// </summary>
internal static class RedisKeys
{
    /// <summary>String: a ws_token's grant; deleted by the one redeem (GETDEL), expires with the token.</summary>
    public static string Token(string token) => $"fr:tok:{token}";

    /// <summary>Hash: a request's record (owner node, project, public address, what a takeover needs).</summary>
    public static string Record(string channelId) => $"fr:req:{channelId}";

    /// <summary>Stream: the channel's ordered events (tokens with their seq, status, response) for replay.</summary>
    public static string Stream(string channelId) => $"fr:ch:{channelId}";

    /// <summary>Pub/sub: the channel's events as they are appended, for sockets on other nodes.</summary>
    public static string Events(string channelId) => $"fr:ev:{channelId}";

    /// <summary>Hash channel id → owner node: every request not yet ended.</summary>
    public const string Live = "fr:live";

    /// <summary>String with a TTL: a node's lease, renewed while it runs; its requests are orphans once it is gone.</summary>
    public static string Node(string nodeId) => $"fr:node:{nodeId}";

    /// <summary>
    /// String set NX: the one node that takes over an orphaned request from its stopped owner (per owner: a request
    /// continued on the taker can be taken over again if the taker stops too).
    /// </summary>
    public static string Claim(string channelId, string ownerId) => $"fr:claim:{channelId}:{ownerId}";

    /// <summary>Pub/sub: callbacks forwarded to a node that owns their request.</summary>
    public static string Inbox(string nodeId) => $"fr:inbox:{nodeId}";

    /// <summary>Pub/sub: the owner's answers to forwarded callbacks.</summary>
    public static string Replies(string nodeId) => $"fr:reply:{nodeId}";

    /// <summary>Hash delivery id → delivery JSON: the webhook deliveries a node is still trying (its ledger).</summary>
    public static string Hooks(string nodeId) => $"fr:hooks:{nodeId}";

    /// <summary>Set of node ids that may hold a <see cref="Hooks"/> ledger: where a sweeping node looks for orphans.</summary>
    public const string HookOwners = "fr:hook-owners";

    /// <summary>Pub/sub: every node's event feed (the dashboard's events), relayed by the other nodes.</summary>
    public const string Feed = "fr:feed";

    /// <summary>Pub/sub: <c>/__admin/webhooks/{id}/redeliver</c> asked of a node that does not hold the delivery.</summary>
    public const string Redeliveries = "fr:redeliver";

    /// <summary>String set NX with a TTL: the one node that sends a forwarded redelivery (two may hold a delivery after a handover).</summary>
    public static string RedeliveryClaim(string askId) => $"fr:redeliver:{askId}";
}
