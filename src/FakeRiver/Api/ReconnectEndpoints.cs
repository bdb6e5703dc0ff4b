using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.Requests;

namespace FakeRiver.Api;

/// <summary>
/// <c>POST /api/v1/ai/reconnect</c>: a fresh single-use ws_token for a known channel (docs/ARCHITECTURE.md 3.2). Old tokens stay
/// dead. Finished requests may reconnect too: the join then replays the stored final response.
/// </summary>
internal static class ReconnectEndpoints
{
    public static readonly string[] Paths = ["/api/v1/ai/reconnect", "/v1/ai/reconnect"];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var path in Paths) endpoints.MapPost(path, ReconnectAsync);
    }

    private static async Task<IResult> ReconnectAsync(HttpContext context, ApiKeyAuth auth, JsonBodyReader reader,
        IRequestDirectory directory, IWsTokenStore tokens)
    {
        if (auth.Check(context.Request, out var projectId) is { } denied) return denied;
        var read = await reader.ReadObjectAsync(context.Request, context.RequestAborted);
        if (!read.IsOk) return read.Error;
        if (read.Body["channel_id"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            return ApiErrors.BadRequest("'channel_id' is required and must be a string", "missing_field", "channel_id");

        var channelId = value.GetValue<string>();
        // Another project's channel is answered as if it did not exist: ids never leak across projects.
        if (await directory.FindAsync(channelId) is not { } request || request.ProjectId != projectId)
            return ApiErrors.NotFound($"Channel '{channelId}' not found", "channel_not_found", "channel_id");
        var token = await tokens.IssueAsync(request.ProjectId, request.ChannelId);
        return Results.Json(ConnectionFields.For(request, token), WireJson.Options);
    }
}
