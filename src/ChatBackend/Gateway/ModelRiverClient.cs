using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ModelRiver.Wire.Json;

namespace ChatBackend.Gateway;

/// <summary>
/// The two calls ChatBackend makes to the gateway: start an async request, and post an event-driven callback.
/// Typed client over the named HttpClient <see cref="HttpClientName"/>, so tests swap the primary handler.
/// </summary>
public sealed class ModelRiverClient(
    HttpClient http, IOptions<ChatBackendOptions> options, TimeProvider time, ILogger<ModelRiverClient> logger)
{
    public const string HttpClientName = "modelriver";

    /// <summary>POSTs <paramref name="body"/> to <c>/v1/ai/async</c> with the Bearer key; never throws for HTTP or network failures.</summary>
    public async Task<AsyncStartResult> StartAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            using var request = JsonRequest(settings.AsyncUrl, body, settings.ModelRiverApiKey);
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var parsed = TryParse(text);
            if (response.IsSuccessStatusCode)
            {
                return parsed is JsonObject json
                    ? AsyncStartResult.Success(json)
                    : AsyncStartResult.Failure("Invalid response from ModelRiver", parsed);
            }
            var message = parsed is JsonObject error && error["message"] is JsonValue value && value.TryGetValue(out string? upstream)
                ? upstream
                : string.Create(CultureInfo.InvariantCulture, $"Request failed with status code {(int)response.StatusCode}");
            return AsyncStartResult.Failure(message, parsed);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return AsyncStartResult.Failure(ex.Message, null);
        }
    }

    /// <summary>
    /// POSTs <c>{"channel_id"}</c> to the gateway's reconnect endpoint with the Bearer key. Returns the HTTP status and
    /// the JSON answer, or status 502 with null when the gateway could not be reached.
    /// </summary>
    public async Task<(int Status, JsonNode? Body)> ReconnectAsync(string channelId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            using var request = JsonRequest(settings.ReconnectUrl, new JsonObject { ["channel_id"] = channelId }, settings.ModelRiverApiKey);
            using var response = await http.SendAsync(request, cancellationToken);
            return ((int)response.StatusCode, TryParse(await response.Content.ReadAsStringAsync(cancellationToken)));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Reconnect of channel {ChannelId} could not reach the gateway", channelId);
            return (StatusCodes.Status502BadGateway, null);
        }
    }

    /// <summary>
    /// POSTs the callback and waits for the answer (at most <see cref="ChatBackendOptions.CallbackTimeout"/>).
    /// Like the example, statuses below 500 count as delivered and every failure is only logged.
    /// </summary>
    public async Task<bool> CallbackAsync(string url, JsonObject body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = new CancellationTokenSource(settings.CallbackTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var request = JsonRequest(url, body, settings.ModelRiverApiKey);
            using var response = await http.SendAsync(request, linked.Token);
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                logger.LogError("Callback to {Url} failed with status {Status}", url, status);
                return false;
            }
            if (status >= 300) logger.LogWarning("Callback to {Url} answered {Status}", url, status);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Callback to {Url} failed", url);
            return false;
        }
    }

    private static HttpRequestMessage JsonRequest(string url, JsonObject body, string? apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            // Printed as axios (JSON.stringify) prints it: raw non-ASCII, JavaScript numbers.
            Content = new StringContent(JsJson.Stringify(body), Encoding.UTF8, "application/json"),
        };
        if (!string.IsNullOrEmpty(apiKey)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return request;
    }

    // Like axios: JSON bodies become objects, anything else stays text, an empty body is nothing.
    private static JsonNode? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonTree.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
