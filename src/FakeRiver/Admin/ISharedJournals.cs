using System.Text.Json.Nodes;

namespace FakeRiver.Admin;

/// <summary>
/// The journals as every node of a cluster sees them. In one process (<see cref="LocalJournals"/>, the default) it
/// is off: each journal keeps its entries in memory and <c>/__admin</c> reads them there. In cluster mode each
/// journal also appends its entries here (Redis streams, bounded like the journal) and <c>/__admin</c> lists them from
/// here, so any node shows every node's entries, in one order, scoped by project (docs/ARCHITECTURE.md 2.1).
/// </summary>
internal interface ISharedJournals
{
    /// <summary>Whether entries are shared: when false, <see cref="Append"/> is never called and lists come from memory.</summary>
    bool IsShared { get; }

    /// <summary>
    /// Appends one entry (in the JSON <c>/__admin</c> lists), without waiting; entries of one node keep their order.
    /// The project is the one of <paramref name="channelId"/>'s request; <paramref name="entryId"/> names the thing a
    /// snapshot replaces (a webhook delivery), or null.
    /// </summary>
    void Append(JournalKind kind, string? channelId, string? entryId, JsonNode entry);

    /// <summary>The entries of a journal, oldest first: one project's, or (null) every entry.</summary>
    Task<IReadOnlyList<JsonNode>> ReadAsync(JournalKind kind, string? projectId);

    /// <summary>Counts a refused socket upgrade under its reason (refusals carry no project: one count for the cluster).</summary>
    void CountRefused(string reason);

    /// <summary>Refused socket upgrades of every node, by reason.</summary>
    Task<IReadOnlyDictionary<string, long>> RefusedAsync();

    /// <summary>
    /// A request of another node as <c>GET /__admin/requests/{channelId}</c> shows it: its newest summary, with the
    /// tokens and latest response read from its channel's stream; null when the scope has no such request.
    /// </summary>
    Task<JsonObject?> ReadRequestAsync(string channelId, string? projectId);

    /// <summary>Forgets the entries of one project (null: all), cluster-wide, and tells the other nodes to reset too.</summary>
    Task ResetAsync(string? projectId);
}
