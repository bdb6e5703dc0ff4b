using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace FakeRiver.Webhooks;

/// <summary>
/// One signed POST of a delivery's exact body, bounded by the per-attempt timeout on the injected clock. A refused
/// connection, a reset, a timeout or a URL HttpClient cannot send to all come back as a failed attempt, never as an
/// exception, so the dispatcher retries them on schedule.
/// </summary>
internal sealed class WebhookSender(
    IHttpClientFactory httpClients,
    WebhookSigner signer,
    TimeProvider time,
    IOptions<FakeRiverOptions> options,
    ILogger<WebhookSender> logger) : IWebhookSender
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookAttempt>> SendAsync(WebhookDelivery delivery, int number, CancellationToken stopping) =>
        [await AttemptAsync(delivery, number, sentAt => signer.Sign(delivery, sentAt), stopping)];

    /// <summary>One attempt whose headers <paramref name="sign"/> makes from the instant it is sent (each attempt is re-signed).</summary>
    public async Task<WebhookAttempt> AttemptAsync(WebhookDelivery delivery, int number,
        Func<DateTimeOffset, IReadOnlyList<KeyValuePair<string, string>>> sign, CancellationToken stopping)
    {
        var sentAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        using var timeout = new CancellationTokenSource(options.Value.WebhookAttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping);
        var headers = sign(sentAt);
        using var request = CreateRequest(delivery, headers);
        int? status = null;
        string? error = null;
        try
        {
            var client = httpClients.CreateClient(WebhookDispatcher.HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            status = (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            error = $"timeout after {options.Value.WebhookAttemptTimeout.TotalSeconds:0.###} s";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Refused, reset, DNS, a URL HttpClient cannot send to...: all count as a failed, retried attempt.
            error = ex.Message;
        }
        var attempt = new WebhookAttempt(number, sentAt, status, error, time.GetElapsedTime(started).TotalMilliseconds) { SentHeaders = headers };
        logger.LogInformation("Webhook {Id} attempt {Number} to {Url}: {Outcome}", delivery.Id, number, delivery.Url,
            status?.ToString(CultureInfo.InvariantCulture) ?? error);
        return attempt;
    }

    private static HttpRequestMessage CreateRequest(WebhookDelivery delivery, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(delivery.Body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = content };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }
}
