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
        endpoints.MapGet(Path, (AdminScope scope, RequestRegistry registry, PhoenixJournal journal, string? channel_id) =>
        {
            var entries = (channel_id is null ? journal.Entries() : journal.ForChannel(channel_id))
                .Where(e => scope.IncludesChannel(e.ChannelId, registry));
            // Refused upgrades carry no valid token, so no project: the count is the whole host's.
            var refused = journal.RefusedUpgrades();
            return Results.Json(new JsonObject
            {
                ["sockets"] = new JsonArray([.. entries.Select(e => (JsonNode)ToJson(e))]),
                ["refused_upgrades"] = new JsonObject
                {
                    ["total"] = refused.Values.Sum(),
                    ["by_reason"] = new JsonObject(refused.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value))),
                },
            }, WireJson.Options);
        });
        return endpoints;
    }

    private static JsonObject ToJson(PhoenixJournalEntry entry) => new()
    {
        ["at"] = entry.At.ToString("O"),
        ["socket_id"] = entry.SocketId,
        ["kind"] = entry.Kind,
        ["channel_id"] = entry.ChannelId,
        ["topic"] = entry.Topic,
        ["detail"] = entry.Detail,
    };
}
