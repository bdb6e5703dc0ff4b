using System.Text.Json.Nodes;
using FakeRiver.Admin;
using FakeRiver.Requests;
using FakeRiver.Webhooks;

namespace FakeRiver.Scenarios.Running;

/// <summary>
/// What one scenario run produced: the browser's view and FakeRiver's admin journals, taken at the end, and the
/// requests that carried the API key to the trap a forged callback URL points at (<see cref="KeyTrap"/>).
/// </summary>
internal sealed record Observation(
    BrowserRecord Browser,
    IReadOnlyList<RiverRequest> Requests,
    IReadOnlyList<WebhookDelivery> Webhooks,
    IReadOnlyList<CallbackEntry> Callbacks,
    bool Finished,
    DateTimeOffset End,
    int KeyLeaks = 0)
{
    /// <summary>The last final <c>response</c> the browser saw, else the one FakeRiver stored (nobody joined).</summary>
    public JsonObject? FinalResponse =>
        Browser.Events("response").Select(f => f.Message.PayloadObject).LastOrDefault(p => Status(p) is "success" or "completed" or "error")
        ?? (Requests.FirstOrDefault()?.Log.LatestResponse is { IsFinal: true } stored ? JsonNode.Parse(stored.PayloadUtf8.Span) as JsonObject : null);

    /// <summary>meta.attempts: from the first webhook (every ending sends one), else the final response.</summary>
    public JsonArray? Attempts =>
        (Webhooks.Count > 0 ? JsonNode.Parse(Webhooks[0].Body)?["meta"]?["attempts"] : null) as JsonArray
        ?? FinalResponse?["meta"]?["attempts"] as JsonArray
        ?? SyncMeta?["attempts"] as JsonArray;

    /// <summary>meta of the run: webhook first (standard and event-driven both carry it), else the final response.</summary>
    public JsonObject? Meta =>
        (Webhooks.Count > 0 ? JsonNode.Parse(Webhooks[0].Body)?["meta"] : null) as JsonObject ?? FinalResponse?["meta"] as JsonObject
        ?? SyncMeta;

    /// <summary>meta of the last sync answer (wrapped, or the all-providers-failed answer); null for raw.</summary>
    public JsonObject? SyncMeta => Browser.Sync.LastOrDefault()?.Body?["meta"] as JsonObject;

    /// <summary>How the last sync request ended: meta.status, or success for a raw provider body.</summary>
    public string? SyncStatus => Browser.Sync.LastOrDefault() is not { Status: 200, Body: JsonObject body } ? null
        : SyncMeta?["status"] is JsonValue v && v.TryGetValue<string>(out var s) ? s
        : body.ContainsKey("choices") ? "success" : null;

    public static string? Status(JsonObject? payload) => payload?["status"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
