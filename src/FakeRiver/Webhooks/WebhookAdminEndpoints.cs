using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.Requests;
using Microsoft.Extensions.Options;

namespace FakeRiver.Webhooks;

/// <summary>
/// <c>/__admin/webhooks</c>: the delivery journal, its dead letters, and "send a test webhook" (a standard-shape
/// body around caller-given data, signed and delivered through the normal dispatcher, retries included; only with
/// <c>FakeRiver:Admin:AllowSignedSend</c>).
/// </summary>
public static class WebhookAdminEndpoints
{
    public static IEndpointRouteBuilder MapWebhookAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/__admin/webhooks");
        group.MapGet("/", (WebhookJournal journal, string? channel_id) =>
            Results.Json(channel_id is null ? journal.All() : journal.ForChannel(channel_id), WebhookAdminJson.Options));
        group.MapGet("/dead-letters", (WebhookJournal journal) => Results.Json(journal.DeadLetters(), WebhookAdminJson.Options));
        group.MapPost("/send", SendAsync);
        return endpoints;
    }

    private static async Task<IResult> SendAsync(HttpRequest http, WebhookDispatcher dispatcher, RandomSource random, TimeProvider time,
        IOptions<FakeRiverOptions> options)
    {
        // Signing caller-chosen data with the real secret mints webhooks any backend trusts: only when asked for.
        if (!options.Value.Admin.AllowSignedSend)
        {
            return ApiErrors.Create(StatusCodes.Status403Forbidden, "permission_error", "signed_send_disabled",
                "Sending signed test webhooks is off; set FakeRiver:Admin:AllowSignedSend=true to enable it");
        }
        JsonNode? input;
        try
        {
            input = await JsonNode.ParseAsync(http.Body, cancellationToken: http.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return BadRequest("Request body must be valid JSON.", null);
        }
        if (input is not JsonObject body) return BadRequest("Request body must be a JSON object.", null);
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
