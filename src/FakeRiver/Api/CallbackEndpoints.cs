using System.Text.Json.Nodes;
using FakeRiver.Admin;
using FakeRiver.Pipeline;
using FakeRiver.Requests;

namespace FakeRiver.Api;

/// <summary>
/// <c>POST /v1/callback/{channel_id}</c>: the backend's enriched result for an event-driven request
/// (docs/ARCHITECTURE.md 3.6). 401 bad key, 400 bad body, 404 unknown channel, 409 once final; exactly one completion.
/// </summary>
internal static class CallbackEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/v1/callback/{channelId}", CallbackAsync);

    private static async Task<IResult> CallbackAsync(string channelId, HttpContext context, ApiKeyAuth auth,
        JsonBodyReader reader, RequestRegistry registry, RequestFinisher finisher, CallbackJournal journal, TimeProvider time)
    {
        // received_at is the arrival, taken before the body is read and the completion pushed: the load benchmark
        // measures "callback -> completed" from it.
        var receivedAt = time.GetUtcNow();
        if (auth.Check(context.Request, out var projectId) is { } denied) return journal.Record(receivedAt, channelId, 401, null, denied);
        var read = await reader.ReadObjectAsync(context.Request, context.RequestAborted);
        if (!read.IsOk) return journal.Record(receivedAt, channelId, 400, null, read.Error);
        // Another project's channel is answered as if it did not exist: ids never leak across projects.
        if (!registry.TryGet(channelId, out var request) || request.ProjectId != projectId)
            return journal.Record(receivedAt, channelId, 404, read.Body,
                ApiErrors.NotFound($"Channel '{channelId}' not found", "channel_not_found"));
        if (read.Body["data"] is not JsonObject)
            return journal.Record(receivedAt, channelId, 400, read.Body, ApiErrors.BadRequest(
                read.Body.ContainsKey("data") ? "'data' must be a JSON object" : "'data' is required", "invalid_callback_data", "data"));

        if (request.Faults.TakeCallbackFault() is { } injected)
            return journal.Record(receivedAt, channelId, injected, read.Body,
                ApiErrors.Create(injected, "api_error", "injected_fault", $"Callback refused with {injected} (fault injected through /__admin/faults)"));

        return finisher.Callback(request, read.Body) switch
        {
            CallbackOutcome.Accepted => journal.Record(receivedAt, channelId, 200, read.Body,
                Results.Json(new JsonObject { ["success"] = true, ["channel_id"] = channelId }, WireJson.Options)),
            CallbackOutcome.NotAwaiting => journal.Record(receivedAt, channelId, 409, read.Body,
                ApiErrors.Conflict("This request is not waiting for a callback", "callback_not_expected")),
            _ => journal.Record(receivedAt, channelId, 409, read.Body,
                ApiErrors.Conflict("This request is already completed or timed out", "request_already_final")),
        };
    }
}
