using System.Text.Json.Nodes;
using ChatBackend.Conversations;
using ChatBackend.Gateway;
using Microsoft.Extensions.Options;

namespace ChatBackend.Api;

/// <summary><c>POST /chat</c>: start an async request at the gateway and hand the browser its WebSocket details.</summary>
public static class ChatEndpoints
{
    public const string DefaultWorkflow = "mr_chatbot_workflow";

    /// <summary>The fields the example copies from the gateway's answer to the browser, and no others.</summary>
    private static readonly string[] ForwardedFields = ["channel_id", "ws_token", "websocket_url", "websocket_channel", "project_id"];

    public static IEndpointRouteBuilder MapChatEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/chat", HandleChat);
        return endpoints;
    }

    public static async Task<IResult> HandleChat(
        HttpRequest httpRequest,
        IOptions<ChatBackendOptions> options,
        ModelRiverClient gateway,
        IPendingRequestStore pending,
        StartingRequests startingRequests,
        IProcessedWebhookStore processed,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var body = await JsonBody.ReadAsync(httpRequest, settings.MaxBodyBytes, cancellationToken);
        if (body.Problem is not null) return body.Problem;
        var request = ChatRequest.Parse(body.Node, out var error);
        if (request is null) return ApiErrors.BadRequest(error!);
        if (!settings.ApiKeyConfigured)
        {
            return ApiErrors.Error(StatusCodes.Status500InternalServerError, "MODELRIVER_API_KEY not configured. Set it in environment variables.");
        }

        var conversationId = request.ConversationId ?? Guid.NewGuid().ToString();
        var messageId = Guid.NewGuid().ToString();
        var timestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        using var starting = startingRequests.Begin();
        var result = await gateway.StartAsync(AsyncBody(request, settings, conversationId, messageId, timestamp), cancellationToken);
        if (result.Response is not { } response)
        {
            return ApiErrors.Json(StatusCodes.Status500InternalServerError,
                new JsonObject { ["error"] = result.Error, ["details"] = result.Details });
        }

        if (response["channel_id"] is JsonValue channel && channel.TryGetValue(out string? channelId))
        {
            pending.Add(channelId, new PendingRequest(request.Message, timestamp, conversationId, messageId));
            // The gateway just issued this channel, so an old claim on it (a fake gateway replaying seeded ids
            // after a restart) is stale: forget it, or the new request's webhook would look like a redelivery.
            processed.Release(channelId);
        }
        var reply = new JsonObject();
        foreach (var field in ForwardedFields)
        {
            if (response.ContainsKey(field)) reply[field] = response[field]?.DeepClone();
        }
        return Results.Json(reply);
    }

    private static JsonObject AsyncBody(ChatRequest request, ChatBackendOptions settings, string conversationId, string messageId, long timestamp) => new()
    {
        ["workflow"] = request.Workflow ?? DefaultWorkflow,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = request.Message }),
        ["delivery_method"] = "websocket",
        ["webhook_url"] = settings.WebhookUrl,
        // The example asks for the "webhook_received" event, which makes the workflow event-driven (callback URL).
        ["events"] = request.Events ?? new JsonArray("webhook_received"),
        ["metadata"] = new JsonObject
        {
            ["conversation_id"] = conversationId,
            ["message_id"] = messageId,
            ["original_prompt"] = request.Message,
            ["timestamp"] = timestamp,
        },
    };
}
