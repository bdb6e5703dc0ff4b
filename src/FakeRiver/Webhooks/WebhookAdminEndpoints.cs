using System.Text.Json.Nodes;
using FakeRiver.Admin;
using FakeRiver.Requests;
using Microsoft.Extensions.Options;

namespace FakeRiver.Webhooks;

/// <summary>
/// <c>/__admin/webhooks</c>: the delivery journal, its dead letters, and "send a test webhook" (a standard-shape
/// body around caller-given data, signed and delivered through the normal dispatcher, retries included; only with
/// <c>FakeRiver:Admin:AllowSignedSend</c>).
/// </summary>
internal static class WebhookAdminEndpoints
{
    public static IEndpointRouteBuilder MapWebhookAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/__admin/webhooks");
        group.MapGet("/", async (AdminScope scope, RequestRegistry registry, WebhookJournal journal, ISharedJournals shared, string? channel_id) =>
            shared.IsShared
                ? await SharedAsync(shared, scope, d => channel_id is null || Text(d, "channel_id") == channel_id)
                : Scoped(scope, registry, channel_id is null ? journal.All() : journal.ForChannel(channel_id)));
        group.MapGet("/dead-letters", async (AdminScope scope, RequestRegistry registry, WebhookJournal journal, ISharedJournals shared) =>
            shared.IsShared
                ? await SharedAsync(shared, scope, d => Text(d, "state") == "dead_lettered")
                : Scoped(scope, registry, journal.DeadLetters()));
        group.MapPost("/send", SendAsync);
        group.MapPost("/{id}/redeliver", RedeliverAsync);
        return endpoints;
    }

    private static IResult Scoped(AdminScope scope, RequestRegistry registry, IReadOnlyList<WebhookDelivery> deliveries)
    {
        return Results.Json(deliveries.Where(d => InScope(scope, registry, d)).ToList(), WebhookAdminJson.Options);
    }

    private static bool InScope(AdminScope scope, RequestRegistry registry, WebhookDelivery delivery) =>
        WebhookRedelivery.InScope(scope, registry, delivery);

    /// <summary>
    /// Cluster mode: every node's deliveries, each as its newest snapshot, in the order they were first recorded.
    /// </summary>
    private static async Task<IResult> SharedAsync(ISharedJournals shared, AdminScope scope, Func<JsonObject, bool> keep)
    {
        var deliveries = JournalSnapshots.Newest(await shared.ReadAsync(JournalKind.Webhooks, scope.ProjectId), "id");
        return Results.Json(new JsonArray([.. deliveries.Where(keep)]), WebhookAdminJson.Options);
    }

    private static string? Text(JsonObject delivery, string name) => JournalSnapshots.Text(delivery, name);

    /// <summary>
    /// <see cref="WebhookRedelivery"/> on this node, or (cluster mode) on the node that holds the delivery; 404 when
    /// no node does.
    /// </summary>
    private static async Task<IResult> RedeliverAsync(string id, AdminScope scope, RequestRegistry registry,
        WebhookJournal journal, WebhookDispatcher dispatcher, IRedeliveryRouter router, HttpContext http)
    {
        var answer = await WebhookRedelivery.HereAsync(id, scope, registry, journal, dispatcher)
            ?? await router.ForwardAsync(id, scope.ProjectId, http.RequestAborted)
            ?? WebhookRedelivery.NotFound(id);
        // The delivery as the journal lists it; an error in the API's envelope, as ApiErrors writes it.
        return Results.Json(answer.Body, answer.Status == StatusCodes.Status200OK ? WebhookAdminJson.Options : WireJson.Options,
            statusCode: answer.Status);
    }

    private static async Task<IResult> SendAsync(HttpRequest http, JsonBodyReader reader, WebhookDispatcher dispatcher,
        RandomSource random, TimeProvider time, IOptions<FakeRiverOptions> options)
    {
        // Signing caller-chosen data with the real secret mints webhooks any backend trusts: only when asked for.
        if (!options.Value.Admin.AllowSignedSend)
        {
            return ApiErrors.Create(StatusCodes.Status403Forbidden, "permission_error", "signed_send_disabled",
                "Sending signed test webhooks is off; set FakeRiver:Admin:AllowSignedSend=true to enable it");
        }
        // The shared reader (media type, size cap, transport faults), parsing as JSON.parse does: lone surrogates kept.
        var read = await reader.ReadObjectAsync(http, http.HttpContext.RequestAborted, javaScriptStrings: true);
        if (!read.IsOk) return read.Error;
        var body = read.Body;
        if (body["url"] is not JsonValue urlNode || !urlNode.TryGetValue<string>(out var url)
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return BadRequest("'url' must be an absolute http(s) URL.", "url");
        }
        if (body["data"] is not JsonObject data) return BadRequest("'data' must be a JSON object.", "data");
        string? channelId = null;
        if (body["channel_id"] is { } channelNode && (channelNode is not JsonValue v || !v.TryGetValue(out channelId)))
        {
            return BadRequest("'channel_id' must be a string.", "channel_id");
        }
        channelId ??= random.NewUuid();
        var webhook = WebhookBodyFactory.Standard(channelId, "test_webhook", data, meta: null, customerData: null, time.GetUtcNow());
        var delivery = dispatcher.Enqueue(url, channelId, webhook);
        return Results.Json(delivery, WebhookAdminJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>ModelRiver's error envelope (contract section 1), with a top-level <c>message</c> for axios-style readers.</summary>
    private static IResult BadRequest(string message, string? param) =>
        Results.Json(
            new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["message"] = message,
                    ["type"] = "invalid_request_error",
                    ["code"] = "invalid_request_error",
                    ["param"] = param,
                },
                ["message"] = message,
            },
            statusCode: StatusCodes.Status400BadRequest);
}
