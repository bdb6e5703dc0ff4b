using FakeRiver.Pipeline;
using FakeRiver.RateLimiting;
using FakeRiver.Requests;
using FakeRiver.Workflows;

namespace FakeRiver.Api;

/// <summary><c>POST /v1/ai/async</c> (and its two path variants): accept, register, start the pipeline, answer pending.</summary>
internal static class AsyncEndpoints
{
    public static readonly string[] Paths = ["/v1/ai/async", "/api/v1/ai/async", "/api/ai/async"];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var path in Paths) endpoints.MapPost(path, StartAsync);
    }

    private static async Task<IResult> StartAsync(HttpContext context, ApiKeyAuth auth, JsonBodyReader reader,
        AsyncRequestParser parser, RequestFactory factory, PipelineRunner pipeline, IRequestDirectory directory, IWsTokenStore tokens,
        IFaultStore faults, IRuntimeWorkflows workflows, GatewayRateLimiter limiter)
    {
        if (auth.Check(context.Request, out var projectId) is { } denied) return denied;
        var read = await reader.ReadObjectAsync(context.Request, context.RequestAborted);
        if (!read.IsOk) return read.Error;
        await workflows.RefreshAsync(); // cluster mode: a workflow PUT on any node before now is in force here
        var (spec, error) = parser.Parse(read.Body, projectId);
        if (error is not null) return error;
        // websocket_url and callback_url are built from the Host header: refuse one that cannot form a URL up front.
        if (!PublicAddress.TryBaseUri(context.Request, out var baseUri))
            return ApiErrors.BadRequest("The Host header does not form a valid URL", "invalid_host");
        // Counted only once the request is valid: a rejected body does not use up the caller's budget.
        if (limiter.TryAcquire(projectId, spec!.Workflow) is { } limited) return limited;

        var (faulted, injected) = FaultInjection.Apply(spec!, await faults.TakeAsync(projectId, spec!.Workflow.Name));
        var request = factory.Create(faulted, read.Body, baseUri, projectId, injected);
        // Shared before the token goes out: a socket or callback on another node finds the request (cluster mode).
        await directory.PublishAsync(request);
        var token = await tokens.IssueAsync(request.ProjectId, request.ChannelId);
        pipeline.Start(request);

        return new Utf8JsonResult(Answer(request, token));
    }

    /// <summary>
    /// The pending answer, written straight to UTF-8: message, status, the connection fields (in
    /// <see cref="ConnectionFields"/>' order), customer_data, and test_mode when on.
    /// </summary>
    internal static byte[] Answer(RiverRequest request, TokenGrant token) =>
        WireJsonWriter.Write((request, token), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("message", "success");
            w.WriteString("status", "pending");
            ConnectionFields.Write(w, s.request, s.token);
            w.WriteNode("customer_data", s.request.CustomerData);
            if (s.request.Workflow.TestMode) w.WriteBoolean("test_mode", true);
            w.WriteEndObject();
        });
}
