using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Perf.Load;

/// <summary>
/// The hops only FakeRiver sees, read from its admin journal after a run: each webhook attempt's duration (the
/// round trip to the backend, which answers only after its callback, as the example does) and when each callback arrived.
/// </summary>
public sealed record RiverJournal(IReadOnlyList<long> WebhookRoundTripsUs, IReadOnlyDictionary<string, long> CallbackArrivals)
{
    public static async Task<RiverJournal> ReadAsync(HttpClient http, string riverUrl)
    {
        var deliveries = await http.GetFromJsonAsync<JsonArray>($"{riverUrl}/__admin/webhooks/") ?? [];
        var roundTrips = deliveries
            .SelectMany(d => d?["attempts"]?.AsArray() ?? [])
            .Select(a => (long)(a!["duration_ms"]!.GetValue<double>() * 1000))
            .ToList();
        var callbacks = await http.GetFromJsonAsync<JsonObject>($"{riverUrl}/__admin/callbacks") ?? [];
        var arrivals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in callbacks["callbacks"]?.AsArray() ?? [])
        {
            if (entry?["status"]?.GetValue<int>() != 200) continue;
            var at = DateTimeOffset.Parse(entry["received_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            arrivals[entry["channel_id"]!.GetValue<string>()] = Ticks.FromWall(at);
        }
        return new RiverJournal(roundTrips, arrivals);
    }
}
