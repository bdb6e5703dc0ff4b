using System.Text.Json.Nodes;

namespace FakeRiver.Admin;

/// <summary>
/// Journals whose entries are snapshots of one thing (a webhook delivery, a request): the newest snapshot of each,
/// in the order each thing was first recorded — what the in-memory journal shows, which replaces in place.
/// </summary>
internal static class JournalSnapshots
{
    public static List<JsonObject> Newest(IEnumerable<JsonNode> snapshots, string idField)
    {
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        var newest = new List<JsonObject>();
        foreach (var snapshot in snapshots.OfType<JsonObject>())
        {
            var id = Text(snapshot, idField) ?? "";
            if (at.TryGetValue(id, out var index)) newest[index] = snapshot;
            else
            {
                at[id] = newest.Count;
                newest.Add(snapshot);
            }
        }
        return newest;
    }

    public static string? Text(JsonObject entry, string name) =>
        entry[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
