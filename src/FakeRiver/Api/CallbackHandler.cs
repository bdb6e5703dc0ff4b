using System.Text.Json.Nodes;
using FakeRiver.Pipeline;
using FakeRiver.Requests;

namespace FakeRiver.Api;

/// <summary>
/// The part of a callback that needs the request itself (docs/ARCHITECTURE.md 3.6): the body's <c>data</c>, injected
/// faults and the one completion. Runs on the node that owns the request; in cluster mode another node that received
/// the callback forwards it here (<see cref="ICallbackRouter"/>).
/// </summary>
internal sealed class CallbackHandler(RequestFinisher finisher)
{
    public RoutedAnswer Handle(RiverRequest request, JsonObject body)
    {
        if (body["data"] is not JsonObject)
            return Error(400, "invalid_request_error", "invalid_callback_data",
                body.ContainsKey("data") ? "'data' must be a JSON object" : "'data' is required", "data");

        if (request.Faults.TakeCallbackFault() is { } injected)
            return Error(injected, "api_error", "injected_fault", $"Callback refused with {injected} (fault injected through /__admin/faults)");

        return finisher.Callback(request, body) switch
        {
            CallbackOutcome.Accepted => new RoutedAnswer(200, new JsonObject { ["success"] = true, ["channel_id"] = request.ChannelId }),
            CallbackOutcome.NotAwaiting => Error(409, "invalid_request_error", "callback_not_expected", "This request is not waiting for a callback"),
            _ => Error(409, "invalid_request_error", "request_already_final", "This request is already completed or timed out"),
        };
    }

    /// <summary>The 404 of a channel no node knows (or another project's: ids never leak across projects).</summary>
    public static RoutedAnswer NotFound(string channelId) =>
        Error(404, "invalid_request_error", "channel_not_found", $"Channel '{channelId}' not found");

    private static RoutedAnswer Error(int status, string type, string code, string message, string? param = null) =>
        new(status, ApiErrors.Envelope(type, code, message, param));
}
