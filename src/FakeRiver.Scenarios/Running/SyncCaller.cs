using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FakeRiver.Scenarios.Model;
using FakeRiver.Sync;

namespace FakeRiver.Scenarios.Running;

/// <summary>
/// The sync step: plays a backend calling <c>POST /v1/ai</c> with the scenario's message and workflow, one request
/// after the other, and answering a 429 as the scenario says (give up, wait for <c>Retry-After</c>, or retry at
/// once). Waits run on the world's clock, so a minute of Retry-After passes instantly in virtual time.
/// </summary>
internal sealed class SyncCaller(IScenarioWorld world, Scenario scenario, BrowserRecord record)
{
    /// <summary>Answer headers worth keeping in the record and the transcript.</summary>
    private static readonly string[] KeptHeaders =
    [
        "X-ModelRiver-Provider", "X-ModelRiver-Model", "X-ModelRiver-Workflow", "X-ModelRiver-Duration-Ms",
        "X-ModelRiver-Attempts", "X-ModelRiver-Cached-Data", "X-ModelRiver-Offline-Fallback", "Retry-After",
    ];

    public async Task RunAsync(SyncClient sync, CancellationToken ct)
    {
        // Not counted as in flight: the call waits on FakeRiver's (virtual) timers, which must be free to fire.
        using var http = world.RiverClient(tracked: false);
        for (var request = 1; request <= sync.Requests; request++)
        {
            for (var attempt = 1; ; attempt++)
            {
                var exchange = await SendAsync(http, sync, request, attempt, ct);
                record.Sync.Add(exchange);
                if (exchange.Status != 429 || sync.On429 == SyncRetryPolicy.GiveUp || attempt > sync.MaxRetries) break;
                if (sync.On429 == SyncRetryPolicy.RetryAfter)
                    await Task.Delay(TimeSpan.FromSeconds(exchange.RetryAfterSeconds ?? 1), world.Clock, ct);
            }
        }
    }

    private async Task<SyncExchange> SendAsync(HttpClient http, SyncClient sync, int request, int attempt, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["workflow"] = scenario.Workflow.Name,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = scenario.Client.Message }),
        };
        if (sync.Format is { } format) body["format"] = format == SyncFormat.Wrapped ? "wrapped" : "raw";
        var sentAt = world.Clock.GetUtcNow();
        using var response = await http.PostAsJsonAsync("v1/ai", body, ct);
        var headers = KeptHeaders.Where(h => response.Headers.Contains(h))
            .ToDictionary(h => h, h => string.Join(",", response.Headers.GetValues(h)), StringComparer.OrdinalIgnoreCase);
        var text = await response.Content.ReadAsStringAsync(ct);
        return new SyncExchange(request, attempt, sentAt, (int)response.StatusCode, headers, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
