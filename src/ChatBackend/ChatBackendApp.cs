using System.Text.Json.Nodes;
using ChatBackend.Api;
using Microsoft.AspNetCore.Diagnostics;

namespace ChatBackend;

/// <summary>
/// Builds the ChatBackend web application. Program.cs runs it; FakeRiver's <c>dev</c> command hosts it beside
/// itself in one process, passing <c>settings</c> (e.g. PORT, MODELRIVER_API_URL) that win over the environment.
/// </summary>
public static class ChatBackendApp
{
    /// <param name="configure">Runs after the services are added (FakeRiver's scenario runner hosts it in memory).</param>
    public static WebApplication Create(string[] args, IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddChatBackend(builder.Configuration);
        // There is no appsettings.json (it would collide with FakeRiver's in shared output folders): keep the
        // framework's per-request logs out of the console unless Logging:LogLevel asks for them.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        configure?.Invoke(builder);

        // Like the example, listen on PORT unless --urls / ASPNETCORE_URLS (or a "urls" setting) says otherwise;
        // loopback only, because the harness is a local tool.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            var preview = new ChatBackendOptions();
            ChatBackendSettings.Apply(preview, builder.Configuration);
            if (preview.Port is >= 0 and <= 65535) builder.WebHost.UseUrls($"http://127.0.0.1:{preview.Port}");
        }

        builder.WebHost.ConfigureKestrel(TransportLimits.Apply);

        var app = builder.Build();
        app.UseExceptionHandler(failed => failed.Run(WriteUnhandledError));
        // The fallback for answers the framework gives without a body: 404 for an unknown route ({"error":"Cannot GET
        // /x"}, express's words), 405 for a known path with the wrong method, a refused CORS preflight.
        app.UseStatusCodePages(pages => pages.HttpContext.Response.HasStarted ? Task.CompletedTask
            : ApiErrors.ForStatus(pages.HttpContext.Response.StatusCode, pages.HttpContext.Request.Method,
                pages.HttpContext.Request.Path).ExecuteAsync(pages.HttpContext));
        app.UseCors();
        app.MapChatBackend();
        return app;
    }

    // A transport fault that escaped a handler keeps Kestrel's 4xx; anything else not handled by an endpoint still
    // answers in the example's error shape, never an HTML page.
    private static Task WriteUnhandledError(HttpContext context) =>
        (context.Features.Get<IExceptionHandlerFeature>()?.Error switch
        {
            BadHttpRequestException fault => ApiErrors.Transport(fault),
            IOException fault => ApiErrors.BadRequest($"Request body could not be read: {fault.Message}"),
            _ => ApiErrors.Json(StatusCodes.Status500InternalServerError, new JsonObject { ["error"] = "Internal server error" }),
        }).ExecuteAsync(context);
}
