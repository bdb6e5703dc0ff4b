using System.Text.Json.Nodes;
using FakeRiver.Admin;
using FakeRiver.Requests;

namespace FakeRiver.Phoenix;

/// <summary>
/// <c>GET /__admin/sockets[?channel_id=]</c>: the socket journal (connections, joins, leaves, closes), oldest first,
/// so scenarios can assert e.g. "closed with 1000", and the count of refused upgrades by reason (not stored one
/// by one: anyone can send them).
/// </summary>
internal static class PhoenixAdminEndpoints
{
    public const string Path = "/__admin/sockets";

    public static IEndpointRouteBuilder MapPhoenixAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (AdminScope scope, RequestRegistry registry, PhoenixJournal journal, ISharedJournals shared, string? channel_id) =>
        {
            // Cluster mode: every node's entries and refusals (docs/ARCHITECTURE.md 2.1).
            IEnumerable<JsonNode> entries = shared.IsShared
                ? (await shared.ReadAsync(JournalKind.Sockets, scope.ProjectId))
                    .Where(e => channel_id is null || (e["channel_id"] is JsonValue v && v.TryGetValue<string>(out var c) && c == channel_id))
                : (channel_id is null ? journal.Entries() : journal.ForChannel(channel_id))
                    .Where(e => scope.IncludesChannel(e.ChannelId, registry)).Select(e => (JsonNode)ToJson(e));
            // Refused upgrades carry no valid token, so no project: the count is the whole host's (or cluster's).
            var refused = shared.IsShared ? await shared.RefusedAsync() : journal.RefusedUpgrades();
            return Results.Json(new JsonObject
            {
                ["sockets"] = new JsonArray([.. entries]),
                ["refused_upgrades"] = new JsonObject
                {
                    ["total"] = refused.Values.Sum(),
                    ["by_reason"] = new JsonObject(refused.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value))),
                },
            }, WireJson.Options);
        });
        return endpoints;
    }

    /// <summary>An entry as the list shows it (also what a cluster node shares).</summary>
    internal static JsonObject ToJson(PhoenixJournalEntry entry) => new()
    {
        ["at"] = entry.At.ToString("O"),
        ["socket_id"] = entry.SocketId,
        ["kind"] = entry.Kind,
        ["channel_id"] = entry.ChannelId,
        ["topic"] = entry.Topic,
        ["detail"] = entry.Detail,
    };
}
