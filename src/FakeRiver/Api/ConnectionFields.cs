using System.Text.Json.Nodes;
using FakeRiver.Requests;

namespace FakeRiver.Api;

/// <summary>The fields a browser needs to join a request's channel: shared by the async and reconnect answers.</summary>
internal static class ConnectionFields
{
    public static JsonObject For(RiverRequest request, TokenGrant token) =>
        For(new RequestLocation(request.ChannelId, request.ProjectId, request.PublicBaseUri), token);

    public static JsonObject For(RequestLocation request, TokenGrant token) => new()
    {
        ["channel_id"] = request.ChannelId,
        ["project_id"] = request.ProjectId,
        ["ws_token"] = token.Token,
        ["websocket_url"] = PublicAddress.WebSocketUrl(request.PublicBaseUri),
        ["websocket_channel"] = $"ai_response:{request.ProjectId}:{request.ChannelId}",
    };

    /// <summary>The same fields, in the same order, written as properties of the object <paramref name="writer"/> is in.</summary>
    public static void Write(System.Text.Json.Utf8JsonWriter writer, RiverRequest request, TokenGrant token)
    {
        writer.WriteString("channel_id", request.ChannelId);
        writer.WriteString("project_id", request.ProjectId);
        writer.WriteString("ws_token", token.Token);
        writer.WriteString("websocket_url", PublicAddress.WebSocketUrl(request.PublicBaseUri));
        writer.WriteString("websocket_channel", request.Topic);
    }
}
