using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.Admin;
using FakeRiver.Requests;

namespace FakeRiver.Webhooks;

/// <summary>
/// A finished delivery (typically a dead letter) sent once more by the node that holds it, re-signed with a fresh
/// timestamp and recorded as a new attempt — the manual replay ModelRiver's delivery log offers. Only the recorded
/// delivery is sent: nothing of the caller's goes into it.
/// </summary>
internal static class WebhookRedelivery
{
    /// <summary>
    /// The answer when this node holds the delivery (in <paramref name="scope"/>), else null. <paramref name="claim"/>
    /// (cluster mode) is asked just before sending: two nodes may hold one delivery after a handover, one sends it.
    /// </summary>
    public static async Task<RoutedAnswer?> HereAsync(string id, AdminScope scope, RequestRegistry registry, WebhookJournal journal,
        WebhookDispatcher dispatcher, Func<Task<bool>>? claim = null)
    {
        if (journal.Find(id) is not { } found || !InScope(scope, registry, found)) return null;
        if (found.State is not (WebhookDeliveryState.Delivered or WebhookDeliveryState.DeadLettered))
        {
            return new RoutedAnswer(StatusCodes.Status409Conflict, ApiErrors.Envelope("invalid_request_error", "delivery_not_finished",
                $"Delivery '{id}' is {found.State.ToString().ToLowerInvariant()}: only delivered or dead-lettered deliveries can be sent again"));
        }
        if (claim is not null && !await claim()) return null;
        if (await dispatcher.RedeliverAsync(id) is not { } delivery) return null;
        return new RoutedAnswer(StatusCodes.Status200OK, JsonSerializer.SerializeToNode(delivery, WebhookAdminJson.Options) as JsonObject ?? []);
    }

    public static RoutedAnswer NotFound(string id) => new(StatusCodes.Status404NotFound,
        ApiErrors.Envelope("invalid_request_error", "webhook_not_found", $"Webhook delivery '{id}' not found", "id"));

    // A delivery knows its project (one taken over from another node has no request here); a test send does not.
    public static bool InScope(AdminScope scope, RequestRegistry registry, WebhookDelivery delivery) =>
        delivery.ProjectId is { } project
            ? scope.ProjectId is null || scope.ProjectId == project
            : scope.IncludesChannel(delivery.ChannelId, registry);
}
