using System.Text.Json.Nodes;
using FakeRiver.Api;
using Microsoft.AspNetCore.Diagnostics;

namespace FakeRiver.Hosting;

/// <summary>Builds the FakeRiver web application; Program.cs and the <c>dev</c> command run it.</summary>
public static class FakeRiverApp
{
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
        app.UseExceptionHandler(failed => failed.Run(WriteUnhandledError));
        // Answers the framework gives without a body get the envelope too: 404 for an unknown route, 405 (with Allow)
        // for a known path with the wrong method, a refused socket upgrade.
        app.UseStatusCodePages(pages => pages.HttpContext.Response.HasStarted ? Task.CompletedTask
            : ApiErrors.ForStatus(pages.HttpContext.Response.StatusCode, pages.HttpContext.Request.Method,
                pages.HttpContext.Request.Path).ExecuteAsync(pages.HttpContext));
        app.UseWebSockets();
        // After routing (added first by WebApplication): only endpoints carrying the policy answer preflights.
        app.UseCors();
        app.MapFakeRiver();
        return app;
    }

    /// <summary>The first address the app listens on, once started.</summary>
    public static string ListeningUrl(WebApplication app) => app.Urls.FirstOrDefault() ?? DevDefaults.Url;

    // A transport fault that escaped a handler keeps Kestrel's 4xx; a bug still answers with the error envelope,
    // never an HTML page or an empty body.
    private static Task WriteUnhandledError(HttpContext context) =>
        (context.Features.Get<IExceptionHandlerFeature>()?.Error switch
        {
            BadHttpRequestException fault => ApiErrors.Transport(fault),
            IOException fault => ApiErrors.BadRequest($"Request body could not be read: {fault.Message}", "bad_transport"),
            _ => ApiErrors.Create(StatusCodes.Status500InternalServerError, "api_error", "internal_error", "Internal server error"),
        }).ExecuteAsync(context);
}
