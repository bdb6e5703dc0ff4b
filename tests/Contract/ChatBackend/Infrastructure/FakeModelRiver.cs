using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Contract.ChatBackend.Infrastructure;

/// <summary>
/// Hand-written stand-in for the gateway behind ChatBackend's "modelriver" HttpClient: records every call, answers
/// <c>/v1/ai/async</c> with a canned pending body and <c>/v1/callback/{id}</c> with 200. Behaviour is swapped per
/// test through the callback properties.
/// </summary>
public sealed class FakeModelRiver
{
    public const string ProjectId = "5f0e9a1c-2b3d-4e5f-8a9b-0c1d2e3f4a5b";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Answers the async call; the default returns <see cref="PendingBody"/> for a fresh channel.</summary>
    public Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> OnAsync { get; set; } =
        (_, _) => Task.FromResult(Json(HttpStatusCode.OK, PendingBody(Guid.NewGuid().ToString())));

    /// <summary>Answers a callback; the default is 200 <c>{success:true}</c>.</summary>
    public Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> OnCallback { get; set; } =
        (_, _) => Task.FromResult(Json(HttpStatusCode.OK, new JsonObject { ["success"] = true }));

    public IReadOnlyList<RecordedRequest> AsyncCalls => Requests.Where(r => r.Uri.AbsolutePath.EndsWith("/v1/ai/async", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<RecordedRequest> Callbacks => Requests.Where(r => r.Uri.AbsolutePath.Contains("/v1/callback/", StringComparison.Ordinal)).ToList();

    public static JsonObject PendingBody(string channelId) => new()
    {
        ["message"] = "success",
        ["status"] = "pending",
        ["channel_id"] = channelId,
        ["project_id"] = ProjectId,
        ["ws_token"] = "token-" + channelId,
        ["websocket_url"] = "ws://127.0.0.1:5080/socket",
        ["websocket_channel"] = $"ai_response:{ProjectId}:{channelId}",
        ["customer_data"] = new JsonObject(),
    };

    public static HttpResponseMessage Json(HttpStatusCode status, JsonNode body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    internal async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body);
        Requests.Enqueue(recorded);
        var path = recorded.Uri.AbsolutePath;
        // EndsWith/Contains: a gateway URL may carry a path prefix (MODELRIVER_API_URL=http://host/prefix).
        if (path.EndsWith("/v1/ai/async", StringComparison.Ordinal)) return await OnAsync(recorded, cancellationToken);
        if (path.Contains("/v1/callback/", StringComparison.Ordinal)) return await OnCallback(recorded, cancellationToken);
        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }
}
