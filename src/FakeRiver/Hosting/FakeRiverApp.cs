using System.Text.Json.Nodes;
using FakeRiver.Admin;
using FakeRiver.Api;

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

        var app = builder.Build();
        app.UseExceptionHandler(failed => failed.Run(WriteUnhandledError));
        app.UseMiddleware<AdminGuard>();
        app.UseWebSockets();
        // After routing (added first by WebApplication): only endpoints carrying the policy answer preflights.
        app.UseCors();
        app.MapFakeRiver();
        return app;
    }

    /// <summary>The first address the app listens on, once started.</summary>
    public static string ListeningUrl(WebApplication app) => app.Urls.FirstOrDefault() ?? DevDefaults.Url;

    // A bug still answers with the error envelope, never an HTML page or an empty body.
    private static Task WriteUnhandledError(HttpContext context) =>
        ApiErrors.Create(StatusCodes.Status500InternalServerError, "api_error", "internal_error", "Internal server error")
            .ExecuteAsync(context);
}
