using ChatBackend.Conversations;

namespace ChatBackend.Api;

/// <summary><c>GET /conversations/{id}</c>: the stored messages of one conversation.</summary>
public static class ConversationEndpoints
{
    public static IEndpointRouteBuilder MapConversationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/conversations/{id}", GetConversation);
        return endpoints;
    }

    public static IResult GetConversation(string id, IConversationStore conversations) =>
        conversations.Find(id) is { } conversation
            ? Results.Json(conversation)
            : ApiErrors.Error(StatusCodes.Status404NotFound, "Conversation not found");
}
