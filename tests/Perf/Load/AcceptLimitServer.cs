using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Perf.Load;

/// <summary>
/// The accept path's physical limit: a bare Kestrel <c>POST /v1/ai/async</c> that reads and parses the JSON body and
/// answers the pending JSON FakeRiver really answered — no auth, validation, registry, pipeline or journal. What
/// FakeRiver's accept would cost if it did nothing else; the ceiling for the "≥ 3× WireMock.Net" target.
/// </summary>
public static class AcceptLimitServer
{
    public static async Task<WebApplication> StartAsync(string pendingJson)
    {
        var pending = Encoding.UTF8.GetBytes(pendingJson);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/ai/async", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(pending, context.RequestAborted);
        });
        await app.StartAsync();
        return app;
    }
}
