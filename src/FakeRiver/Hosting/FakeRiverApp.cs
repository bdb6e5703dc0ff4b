using System.Text.Json.Nodes;
using FakeRiver.Admin;
using FakeRiver.Api;
using Microsoft.AspNetCore.Diagnostics;

namespace FakeRiver.Hosting;

/// <summary>Builds the FakeRiver web application; Program.cs and the <c>dev</c> command run it.</summary>
public static class FakeRiverApp
{
    /// <summary>A FakeRiver web application on <see cref="DevDefaults.Url"/> unless --urls or ASPNETCORE_URLS says otherwise.</summary>
    /// <param name="args">ASP.NET Core command-line configuration, e.g. <c>--urls</c> or <c>--FakeRiver:Seed=7</c>.</param>
    /// <param name="configure">Runs after FakeRiver's services are added: the scenario runner swaps the server,
    /// the clock and the workflows here.</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddFakeRiver(builder.Configuration);
        configure?.Invoke(builder);
        // Listen where ASP.NET Core's --urls / ASPNETCORE_URLS says, else on the documented default.
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DevDefaults.Url);
        builder.WebHost.ConfigureKestrel(TransportLimits.Apply);

        var app = builder.Build();
        // Cluster mode: reach Redis now, so a Redis that is not there stops start-up with one line, before the host
        // starts (and logs the failure with a stack trace).
        if (!string.IsNullOrWhiteSpace(app.Configuration[$"{FakeRiverOptions.Section}:Redis"])) _ = app.Services.GetRequiredService<Cluster.RedisState>();
        app.UseExceptionHandler(failed => failed.Run(WriteUnhandledError));
        // Answers the framework gives without a body get the envelope too: 404 for an unknown route, 405 (with Allow)
        // for a known path with the wrong method, a refused socket upgrade.
        app.UseStatusCodePages(pages => pages.HttpContext.Response.HasStarted ? Task.CompletedTask
            : ApiErrors.ForStatus(pages.HttpContext.Response.StatusCode, pages.HttpContext.Request.Method,
                pages.HttpContext.Request.Path).ExecuteAsync(pages.HttpContext));
        app.UseMiddleware<AdminGuard>();
        app.UseWebSockets();
        // After routing (added first by WebApplication): only endpoints carrying the policy answer preflights.
        app.UseCors();
        app.MapFakeRiver();
        return app;
    }

    /// <summary>The first address the app listens on, once started.</summary>
    public static string ListeningUrl(WebApplication app) => app.Urls.FirstOrDefault() ?? DevDefaults.Url;

    // A transport fault that escaped a handler keeps Kestrel's 4xx; cluster mode with Redis away is a 503 that says
    // so (the node recovers by itself when Redis is back); a bug still answers with the error envelope, never an HTML
    // page or an empty body.
    private static Task WriteUnhandledError(HttpContext context) =>
        (context.Features.Get<IExceptionHandlerFeature>()?.Error switch
        {
            BadHttpRequestException fault => ApiErrors.Transport(fault),
            IOException fault => ApiErrors.BadRequest($"Request body could not be read: {fault.Message}", "bad_transport"),
            StackExchange.Redis.RedisException or StackExchange.Redis.RedisTimeoutException => ApiErrors.Create(
                StatusCodes.Status503ServiceUnavailable, "api_error", "state_store_unavailable",
                $"Cluster state (Redis) is unavailable: {context.Features.Get<IExceptionHandlerFeature>()!.Error.Message.Split('\n')[0]}"),
            _ => ApiErrors.Create(StatusCodes.Status500InternalServerError, "api_error", "internal_error", "Internal server error"),
        }).ExecuteAsync(context);
}
