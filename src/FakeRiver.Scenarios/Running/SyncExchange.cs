using System.Text.Json.Nodes;

namespace FakeRiver.Scenarios.Running;

/// <summary>One HTTP exchange of the sync step: which request, which try, when, and what came back.</summary>
internal sealed record SyncExchange(int Request, int Try, DateTimeOffset SentAt, int Status,
    IReadOnlyDictionary<string, string> Headers, JsonNode? Body)
{
    /// <summary><c>Retry-After</c> in seconds, when the answer carried one.</summary>
    public int? RetryAfterSeconds =>
        Headers.TryGetValue("Retry-After", out var text) && int.TryParse(text, out var seconds) ? seconds : null;
}
