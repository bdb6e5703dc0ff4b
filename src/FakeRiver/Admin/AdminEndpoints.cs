using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.Requests;
using FakeRiver.Workflows;

namespace FakeRiver.Admin;

/// <summary>
/// The inspection API under <c>/__admin</c> (docs/ARCHITECTURE.md 3.9, in the spirit of WireMock): requests and their
/// channels, received callbacks, and a reset. Tests and the scenario runner assert on this, not on log text.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/__admin");
        admin.MapGet("/requests", ListRequests);
        admin.MapGet("/requests/{channelId}", GetRequest);
        admin.MapGet("/callbacks", ListCallbacks);
        admin.MapPost("/reset", Reset);
    }

    private static async Task<IResult> ListRequests(AdminScope scope, RequestRegistry registry, ISharedJournals shared)
    {
        IEnumerable<JsonObject> requests = registry.All().Where(scope.Includes).Select(Summary);
        if (shared.IsShared)
        {
            // Every node's requests; this node's own as they are now, the others' as last shared (accepted, ended).
            requests = JournalSnapshots.Newest(await shared.ReadAsync(JournalKind.Requests, scope.ProjectId), "channel_id")
                .Select(s => registry.TryGet(JournalSnapshots.Text(s, "channel_id") ?? "", out var own) ? Summary(own) : SummaryOf(s));
        }
        return Results.Json(new JsonObject { ["requests"] = new JsonArray([.. requests]) }, WireJson.Options);
    }

    private static async Task<IResult> GetRequest(string channelId, AdminScope scope, RequestRegistry registry, ISharedJournals shared)
    {
        if (registry.TryGet(channelId, out var request) && scope.Includes(request)) return Results.Json(Detail(request), WireJson.Options);
        if (shared.IsShared && await shared.ReadRequestAsync(channelId, scope.ProjectId) is { } remote) return Results.Json(remote, WireJson.Options);
        return ApiErrors.NotFound($"Channel '{channelId}' not found", "channel_not_found");
    }

    /// <summary>A request as <c>GET /__admin/requests/{channelId}</c> shows it (also what a cluster node shares when it ends).</summary>
    public static JsonObject Detail(RiverRequest request)
    {
        var detail = Summary(request);
        detail["tokens"] = new JsonArray([.. request.Log.TokenEvents().Select(e => JsonNode.Parse(e.PayloadUtf8.Span))]);
        detail["latest_response"] = request.Log.LatestResponse is { } response ? JsonNode.Parse(response.PayloadUtf8.Span) : null;
        detail["ai_data"] = request.AiData?.DeepClone();
        detail["ai_meta"] = request.AiMeta?.DeepClone();
        return detail;
    }

    // A shared snapshot may carry the detail's fields; the list shows the summary's only.
    private static JsonObject SummaryOf(JsonObject snapshot)
    {
        var summary = new JsonObject();
        foreach (var (name, value) in snapshot)
        {
            if (name is not ("tokens" or "latest_response" or "ai_data" or "ai_meta")) summary[name] = value?.DeepClone();
        }
        return summary;
    }

    private static async Task<IResult> ListCallbacks(AdminScope scope, RequestRegistry registry, CallbackJournal journal, ISharedJournals shared)
    {
        IEnumerable<JsonNode> entries = shared.IsShared
            ? (await shared.ReadAsync(JournalKind.Callbacks, scope.ProjectId))
            : journal.All().Where(c => scope.IncludesChannel(c.ChannelId, registry)).Select(c => (JsonNode)c.ToJson());
        return Results.Json(new JsonObject { ["callbacks"] = new JsonArray([.. entries]) }, WireJson.Options);
    }

    private static async Task<IResult> Reset(AdminScope scope, RequestRegistry registry, IEnumerable<IAdminResettable> resettables,
        ISharedJournals shared, IRuntimeWorkflows workflows, IFaultStore faults)
    {
        ResetLocally(scope.ProjectId, registry, resettables);
        if (shared.IsShared)
        {
            // Cluster mode: the shared copies too, before the answer; the other nodes' memories follow the notice.
            await workflows.ResetAsync(scope.ProjectId);
            await faults.ResetAsync(scope.ProjectId);
            await shared.ResetAsync(scope.ProjectId);
        }
        return scope.ProjectId is { } project
            ? Results.Json(new JsonObject { ["reset"] = true, ["project_id"] = project }, WireJson.Options)
            : Results.Json(new JsonObject { ["reset"] = true }, WireJson.Options);
    }

    /// <summary>Empties this node's stores, wholly (null) or for one project; also run on a cluster node told of a reset.</summary>
    public static void ResetLocally(string? projectId, RequestRegistry registry, IEnumerable<IAdminResettable> resettables)
    {
        if (projectId is not { } project)
        {
            foreach (var resettable in resettables) resettable.Reset();
            return;
        }
        // The project's channels are read before anything is forgotten: journals find their entries by channel.
        var reset = new ProjectReset(project, registry.All().Where(r => r.ProjectId == project).Select(r => r.ChannelId).ToHashSet(StringComparer.Ordinal));
        foreach (var resettable in resettables) resettable.Reset(reset);
    }

    /// <summary>A request as <c>GET /__admin/requests</c> lists it.</summary>
    public static JsonObject Summary(RiverRequest request) => new()
    {
        ["channel_id"] = request.ChannelId,
        ["project_id"] = request.ProjectId,
        ["workflow"] = request.Workflow.Name,
        ["event_name"] = request.EventName,
        ["state"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(request.State.ToString()),
        ["created_at"] = request.CreatedAt.ToString("O"),
        ["webhook_url"] = request.WebhookUrl,
        ["token_count"] = request.Log.LastSeq,
        ["text"] = request.Log.CommittedText,
    };
}
