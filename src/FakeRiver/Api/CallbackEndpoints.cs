using FakeRiver.Admin;
using FakeRiver.Requests;

namespace FakeRiver.Api;

/// <summary>
/// <c>POST /v1/callback/{channel_id}</c>: the backend's enriched result for an event-driven request
/// (docs/ARCHITECTURE.md 3.6). 401 bad key, 400 bad body, 404 unknown channel, 409 once final; exactly one completion.
/// In cluster mode a callback for a request another node runs is answered by that node.
/// </summary>
internal static class CallbackEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/v1/callback/{channelId}", CallbackAsync);

    private static async Task<IResult> CallbackAsync(string channelId, HttpContext context, ApiKeyAuth auth,
        JsonBodyReader reader, RequestRegistry registry, CallbackHandler handler, ICallbackRouter router,
        CallbackJournal journal, TimeProvider time)
    {
        // received_at is the arrival, taken before the body is read and the completion pushed: the load benchmark
        // measures "callback -> completed" from it.
        var receivedAt = time.GetUtcNow();
        if (auth.Check(context.Request, out var projectId) is { } denied) return journal.Record(receivedAt, channelId, 401, null, denied);
        var read = await reader.ReadObjectAsync(context.Request, context.RequestAborted);
        if (!read.IsOk) return journal.Record(receivedAt, channelId, 400, null, read.Error);

        // Another project's channel is answered as if it did not exist: ids never leak across projects.
        var answer = registry.TryGet(channelId, out var request)
            ? request.ProjectId == projectId ? handler.Handle(request, read.Body) : CallbackHandler.NotFound(channelId)
            : await router.ForwardAsync(channelId, projectId, read.Body, context.RequestAborted) ?? CallbackHandler.NotFound(channelId);
        return journal.Record(receivedAt, channelId, answer.Status, read.Body,
            Results.Json(answer.Body, WireJson.Options, "application/json", answer.Status));
    }
}
