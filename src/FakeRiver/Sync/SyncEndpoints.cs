using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.Api;
using FakeRiver.Pipeline;
using FakeRiver.RateLimiting;
using FakeRiver.Requests;
using FakeRiver.Workflows;

namespace FakeRiver.Sync;

/// <summary>
/// <c>POST /v1/ai</c> (and <c>/api/v1/ai</c>): the same auth, validation, rate limits and pipeline as the async
/// path, answered in the HTTP response (README "Sync API"). Event-driven workflows need the async path and get
/// 400 <c>model_not_supported</c>.
/// </summary>
internal static class SyncEndpoints
{
    public static readonly string[] Paths = ["/v1/ai", "/api/v1/ai"];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var path in Paths) endpoints.MapPost(path, RunAsync);
    }

    private static async Task<IResult> RunAsync(HttpContext context, ApiKeyAuth auth, JsonBodyReader reader,
        AsyncRequestParser parser, RequestFactory factory, PipelineRunner pipeline, IFaultStore faults,
        IRuntimeWorkflows workflows, GatewayRateLimiter limiter)
    {
        if (auth.Check(context.Request, out var projectId) is { } denied) return denied;
        var read = await reader.ReadObjectAsync(context.Request, context.RequestAborted);
        if (!read.IsOk) return read.Error;
        var (format, formatError) = ReadFormat(read.Body);
        if (formatError is not null) return formatError;
        await workflows.RefreshAsync(); // cluster mode: a workflow PUT on any node before now is in force here
        var (spec, error) = parser.Parse(read.Body, projectId);
        if (error is not null) return error;
        if (spec!.EventName is not null)
            return ApiErrors.BadRequest($"Workflow '{spec.Workflow.Name}' is event-driven; use POST /v1/ai/async",
                "model_not_supported", "workflow");
        if (!PublicAddress.TryBaseUri(context.Request, out var baseUri))
            return ApiErrors.BadRequest("The Host header does not form a valid URL", "invalid_host");
        if (limiter.TryAcquire(projectId, spec.Workflow) is { } limited) return limited;

        // Provider faults injected at run time play here too; webhook and callback faults have nothing to act on.
        var (faulted, _) = FaultInjection.Apply(spec, await faults.TakeAsync(projectId, spec.Workflow.Name));
        var request = factory.Create(faulted, read.Body, baseUri, projectId, register: false);
        var (outcome, durationMs) = await pipeline.RunInlineAsync(request, context.RequestAborted);
        return SyncAnswers.For(request, outcome, durationMs, format);
    }

    private static (SyncFormat Format, IResult? Error) ReadFormat(JsonObject body)
    {
        if (body["format"] is null) return (SyncFormat.Raw, null);
        if (body["format"] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            switch (v.GetValue<string>())
            {
                case "raw": return (SyncFormat.Raw, null);
                case "wrapped": return (SyncFormat.Wrapped, null);
            }
        }
        return (SyncFormat.Raw, ApiErrors.BadRequest("'format' must be \"raw\" or \"wrapped\"", "invalid_value", "format"));
    }
}
