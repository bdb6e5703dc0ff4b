using System.Text.Json.Nodes;
using ChatBackend.Webhooks;
using Microsoft.Extensions.Options;

namespace ChatBackend.Api;

/// <summary>
/// <c>POST /webhook/modelriver</c> (and <c>/webhook</c>): check the headers and the signature in the example's order
/// and with its 401 messages, then let <see cref="WebhookProcessor"/> store the answer and call back.
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
        var body = await JsonBody.ReadAsync(request, settings.MaxBodyBytes, cancellationToken);
        if (body.Problem is not null) return body.Problem;
        if (Authenticate(request, settings, body) is { } rejection) return rejection;

        try
        {
            var payload = WebhookPayload.From(body.Node, request.Headers[WebhookHeaders.CallbackUrl].FirstOrDefault());
            var outcome = await processor.ProcessAsync(payload, cancellationToken);
            var answer = new JsonObject
            {
                ["success"] = true,
                ["message"] = "Webhook processed",
                ["record_id"] = outcome.RecordId,
            };
            // JSON.stringify drops an undefined channel_id; so does this.
            if (outcome.ChannelId is not null) answer["channel_id"] = outcome.ChannelId;
            answer["timestamp"] = IsoTimestamp.Format(time.GetUtcNow());
            return Results.Json(answer);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            loggers.CreateLogger(typeof(WebhookEndpoints)).LogError(ex, "Webhook processing failed");
            return ApiErrors.Error(StatusCodes.Status500InternalServerError, ex.Message);
        }
    }

    /// <summary>The example's checks 1-3, in its order; null when the webhook may be processed.</summary>
    private static IResult? Authenticate(HttpRequest request, ChatBackendOptions settings, JsonBody body)
    {
        var signature = request.Headers[WebhookHeaders.Signature].FirstOrDefault();
        var timestamp = request.Headers[WebhookHeaders.Timestamp].FirstOrDefault();
        if (string.IsNullOrEmpty(signature)) return ApiErrors.Unauthorized("Missing X-ModelRiver-Signature header");
        if (string.IsNullOrEmpty(timestamp)) return ApiErrors.Unauthorized("Missing X-ModelRiver-Timestamp header");
        if (string.IsNullOrEmpty(settings.WebhookSecret))
        {
            return settings.AllowUnsignedWebhooks ? null : ApiErrors.Unauthorized("Webhook secret not configured");
        }

        return SignatureVerifier.Verify(settings.WebhookSecret, timestamp, signature, body.Raw) switch
        {
            SignatureCheck.Valid => null,
            SignatureCheck.LengthMismatch => ApiErrors.Unauthorized("Invalid signature (length mismatch)"),
            _ => ApiErrors.Unauthorized("Invalid signature"),
        };
    }
}
