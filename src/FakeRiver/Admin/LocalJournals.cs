using System.Text.Json.Nodes;

namespace FakeRiver.Admin;

/// <summary>One process: nothing is shared, the in-memory journals are the journals.</summary>
internal sealed class LocalJournals : ISharedJournals
{
    public bool IsShared => false;

    public void Append(JournalKind kind, string? channelId, string? entryId, JsonNode entry)
    {
    }

    public Task<IReadOnlyList<JsonNode>> ReadAsync(JournalKind kind, string? projectId) => Task.FromResult<IReadOnlyList<JsonNode>>([]);

    public void CountRefused(string reason)
    {
    }

    public Task<IReadOnlyDictionary<string, long>> RefusedAsync() => Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>());

    public Task<JsonObject?> ReadRequestAsync(string channelId, string? projectId) => Task.FromResult<JsonObject?>(null);

    public Task ResetAsync(string? projectId) => Task.CompletedTask;
}
