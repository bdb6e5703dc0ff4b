using System.Globalization;
using System.Text.Json.Nodes;
using FakeRiver.Pipeline;
using FakeRiver.Requests;

namespace FakeRiver.Sync;

/// <summary>
/// The answers of <c>POST /v1/ai</c> (README "Sync API"): raw = the provider-shaped body plus <c>X-ModelRiver-*</c>
/// headers; wrapped = <c>{data, customer_data, meta, backups?}</c>. When every provider failed the request was
/// still valid, so the answer is HTTP 200 with <c>data: null</c>, <c>error</c> and <c>meta.http_status: 502</c>,
/// in either format (there is no provider body to pass through).
/// </summary>
internal static class SyncAnswers
{
    public static IResult For(RiverRequest request, RunOutcome outcome, long durationMs, SyncFormat format)
    {
        var meta = RunMeta.For(request, outcome, durationMs).ToJson();
        if (!outcome.Success) return Json(Failed(request, meta, outcome));
        if (format == SyncFormat.Wrapped) return Json(Wrapped(request, outcome.Data!.Json, meta));
        return new HeaderResult(Json(Raw(request, outcome, meta)), RawHeaders(request, outcome, meta));
    }

    /// <summary>An OpenAI <c>chat.completion</c>: structured output travels as the JSON text of the message.</summary>
    public static JsonObject Raw(RiverRequest request, RunOutcome outcome, JsonObject meta)
    {
        var data = outcome.Data!.Json;
        var choices = request.Workflow.OutputSchema is null && data["choices"] is JsonArray given
            ? (JsonArray)given.DeepClone()
            : new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = data.ToJsonString(WireJson.Options) },
                ["finish_reason"] = "stop",
            });
        return new JsonObject
        {
            ["id"] = $"chatcmpl-{request.ChannelId}",
            ["object"] = "chat.completion",
            ["created"] = request.CreatedAt.ToUnixTimeSeconds(),
            ["model"] = outcome.Model,
            ["choices"] = choices,
            ["usage"] = meta["usage"]!.DeepClone(),
        };
    }

    public static JsonObject Wrapped(RiverRequest request, JsonObject data, JsonObject meta)
    {
        var answer = new JsonObject
        {
            ["data"] = data.DeepClone(),
            ["customer_data"] = request.CustomerData.DeepClone(),
            ["meta"] = WrappedMeta(request, meta, StatusCodes.Status200OK),
        };
        if (Backups(request) is { Count: > 0 } backups) answer["backups"] = backups;
        return answer;
    }

    public static JsonObject Failed(RiverRequest request, JsonObject meta, RunOutcome outcome)
    {
        var details = string.Join("; ", outcome.Attempts.Select(a => $"{a.Provider}/{a.Model}: {a.Reason ?? "failed"}"));
        return new JsonObject
        {
            ["data"] = null,
            ["error"] = new JsonObject { ["message"] = "All providers failed", ["details"] = details },
            ["customer_data"] = request.CustomerData.DeepClone(),
            ["meta"] = WrappedMeta(request, meta, StatusCodes.Status502BadGateway),
        };
    }

    private static JsonObject WrappedMeta(RiverRequest request, JsonObject meta, int httpStatus)
    {
        var wrapped = (JsonObject)meta.DeepClone();
        wrapped["http_status"] = httpStatus;
        if (request.Workflow.Providers.Count > 0)
        {
            wrapped["requested_provider"] = request.Workflow.Providers[0].Provider;
            wrapped["requested_model"] = request.Workflow.Providers[0].Model;
        }
        return wrapped;
    }

    /// <summary>The workflow's backup providers in failover order (position 1 is the first backup).</summary>
    private static JsonArray Backups(RiverRequest request) =>
        [.. request.Workflow.Providers.Skip(1).Select((p, i) => (JsonNode)new JsonObject
        {
            ["position"] = i + 1,
            ["provider"] = p.Provider,
            ["model"] = p.Model,
        })];

    private static List<KeyValuePair<string, string>> RawHeaders(RiverRequest request, RunOutcome outcome, JsonObject meta) =>
    [
        new("X-ModelRiver-Provider", outcome.Provider ?? ""),
        new("X-ModelRiver-Model", outcome.Model ?? ""),
        new("X-ModelRiver-Workflow", request.Workflow.Name),
        new("X-ModelRiver-Duration-Ms", meta["duration_ms"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture)),
        new("X-ModelRiver-Attempts", outcome.Attempts.Count.ToString(CultureInfo.InvariantCulture)),
        new("X-ModelRiver-Cached-Data", request.CustomerData.ToJsonString(WireJson.Options)),
        new("X-ModelRiver-Offline-Fallback", outcome.OfflineFallback ? "true" : "false"),
    ];

    private static IResult Json(JsonObject body) => Results.Json(body, WireJson.Options);
}
