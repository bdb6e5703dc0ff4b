using System.Text.Json.Nodes;
using ChatBackend.Webhooks;
using Microsoft.Extensions.Options;

namespace ChatBackend.Api;

/// <summary>
/// <c>POST /webhook/modelriver</c> (and <c>/webhook</c>): check the headers and the signature in the example's order
/// and with its 401 messages, then the timestamp's age, then let <see cref="WebhookProcessor"/> store the answer and
/// call back. A refused callback URL is a 400; an unknown channel a 200 that changes nothing.
/// </summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhook/modelriver", HandleWebhook);
        endpoints.MapPost("/webhook", HandleWebhook);
        return endpoints;
    }

    public static async Task<IResult> HandleWebhook(
        HttpRequest request,
        IOptions<ChatBackendOptions> options,
        WebhookProcessor processor,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var logger = loggers.CreateLogger(typeof(WebhookEndpoints));
        var body = await JsonBody.ReadAsync(request, settings.MaxBodyBytes, cancellationToken);
        if (body.Problem is not null) return body.Problem;
        if (Authenticate(request, settings, body, time, logger) is { } rejection) return rejection;

        try
        {
            var payload = WebhookPayload.From(body.Node, request.Headers[WebhookHeaders.CallbackUrl].FirstOrDefault());
            var outcome = await processor.ProcessAsync(payload, cancellationToken);
            if (outcome.Kind == WebhookOutcomeKind.CallbackRefused) return ApiErrors.BadRequest(outcome.Refusal!);
            var answer = new JsonObject { ["success"] = true };
            if (outcome.Kind == WebhookOutcomeKind.UnknownChannel)
            {
                // 2xx, so the gateway stops retrying a delivery this backend will never act on; nothing is echoed
                // but the channel the sender named.
                answer["message"] = "Webhook ignored: unknown channel";
            }
            else
            {
                answer["message"] = "Webhook processed";
                answer["record_id"] = outcome.RecordId;
            }
            // JSON.stringify drops an undefined channel_id; so does this.
            if (outcome.ChannelId is not null) answer["channel_id"] = outcome.ChannelId;
            answer["timestamp"] = IsoTimestamp.Format(time.GetUtcNow());
            return Results.Json(answer);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Webhook processing failed");
            return ApiErrors.Error(StatusCodes.Status500InternalServerError, ex.Message);
        }
    }

    /// <summary>
    /// The example's checks 1-3, in its order, then the timestamp's age; null when the webhook may be processed.
    /// Without a secret only WEBHOOK_INSECURE_DEV=1 lets a webhook through, and each one is logged as unverified.
    /// </summary>
    private static IResult? Authenticate(HttpRequest request, ChatBackendOptions settings, JsonBody body, TimeProvider time, ILogger logger)
    {
        var signature = request.Headers[WebhookHeaders.Signature].FirstOrDefault();
        var timestamp = request.Headers[WebhookHeaders.Timestamp].FirstOrDefault();
        if (string.IsNullOrEmpty(signature)) return ApiErrors.Unauthorized("Missing X-ModelRiver-Signature header");
        if (string.IsNullOrEmpty(timestamp)) return ApiErrors.Unauthorized("Missing X-ModelRiver-Timestamp header");
        if (string.IsNullOrEmpty(settings.WebhookSecret))
        {
            if (!settings.InsecureDevWebhooks) return ApiErrors.Unauthorized("Webhook secret not configured");
            logger.LogWarning("INSECURE: webhook accepted WITHOUT signature verification (WEBHOOK_INSECURE_DEV=1, no WEBHOOK_SECRET)");
        }
        else
        {
            var check = SignatureVerifier.Verify(settings.WebhookSecret, timestamp, signature, body.Raw);
            if (check == SignatureCheck.LengthMismatch) return ApiErrors.Unauthorized("Invalid signature (length mismatch)");
            if (check != SignatureCheck.Valid) return ApiErrors.Unauthorized("Invalid signature");
        }
        if (WebhookTimestamp.Problem(timestamp, time.GetUtcNow(), settings.WebhookTolerance) is { } stale)
        {
            logger.LogWarning("Webhook refused: {Problem} (X-ModelRiver-Timestamp {Timestamp})", stale, timestamp);
            return ApiErrors.Unauthorized(stale);
        }
        return null;
    }
}
