using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBackend.Gateway;
using Microsoft.Extensions.Options;

namespace ChatBackend.Api;

/// <summary>
/// <c>POST /api/v1/ai/reconnect</c>: the official client SDK asks the backend (without a key) for a fresh ws_token
/// when a page reloads mid-stream; the backend, the only component holding the API key, asks the gateway and hands
/// back the connection fields. Gateway errors pass through with their status.
/// </summary>
public static class ReconnectEndpoints
{
    private static readonly string[] ForwardedFields = ["channel_id", "ws_token", "websocket_url", "websocket_channel", "project_id"];

    public static IEndpointRouteBuilder MapReconnectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/ai/reconnect", HandleReconnect);
        return endpoints;
    }

    public static async Task<IResult> HandleReconnect(HttpRequest httpRequest, IOptions<ChatBackendOptions> options,
        ModelRiverClient gateway, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var body = await JsonBody.ReadAsync(httpRequest, settings.MaxBodyBytes, cancellationToken);
        if (body.Problem is not null) return body.Problem;
        if (body.Node?["channel_id"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String
            || value.GetValue<string>() is not { Length: > 0 } channelId)
        {
            return ApiErrors.BadRequest("channel_id is required");
        }
        if (!settings.ApiKeyConfigured)
        {
            return ApiErrors.Error(StatusCodes.Status500InternalServerError, "MODELRIVER_API_KEY not configured. Set it in environment variables.");
        }

        var (status, answer) = await gateway.ReconnectAsync(channelId, cancellationToken);
        if (status is < 200 or >= 300)
        {
            var error = answer is JsonObject upstream ? (JsonObject)upstream.DeepClone() : new JsonObject { ["error"] = "Reconnect failed" };
            return ApiErrors.Json(status, error);
        }
        if (answer is not JsonObject fields) return ApiErrors.Error(StatusCodes.Status502BadGateway, "Invalid response from ModelRiver");
        var reply = new JsonObject();
        foreach (var field in ForwardedFields)
        {
            if (fields.ContainsKey(field)) reply[field] = fields[field]?.DeepClone();
        }
        return Results.Json(reply);
    }
}
