using ChatBackend;
using FakeRiver.Hosting;
using Microsoft.Extensions.Options;

namespace FakeRiver.Cli;

/// <summary>
/// <c>dev</c>: FakeRiver and the reference ChatBackend in one process on the embedded defaults, wired to each
/// other, so <c>curl</c> on the backend's <c>/chat</c> shows the whole flow.
/// </summary>
internal static class DevCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        // A dev server is shared by test suites: each mr_test_ key is a project of its own unless told otherwise.
        var river = FakeRiverApp.Create(args, builder =>
        {
            StartupErrors.ReportOnce(builder);
            if (builder.Configuration["FakeRiver:OpenKeys"] is null)
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["FakeRiver:OpenKeys"] = "true" });
        });
        await river.StartAsync();
        var riverUrl = FakeRiverApp.ListeningUrl(river);
        var options = river.Services.GetRequiredService<IOptions<FakeRiverOptions>>().Value;

        // The backend reads PORT / BACKEND_PUBLIC_URL from the environment like the public example (default 4000);
        // how to reach FakeRiver and the shared key and secret come from FakeRiver itself.
        // An explicit "urls" keeps an ASPNETCORE_URLS meant for FakeRiver from applying to the backend too.
        var port = Environment.GetEnvironmentVariable("PORT") is { Length: > 0 } p ? p : "4000";
        var backend = ChatBackendApp.Create([], new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["MODELRIVER_API_URL"] = riverUrl,
            ["MODELRIVER_API_KEY"] = options.ApiKeys[0],
            ["WEBHOOK_SECRET"] = options.WebhookSecret,
        }, StartupErrors.ReportOnce);
        await backend.StartAsync();
        var backendUrl = backend.Urls.FirstOrDefault() ?? "http://127.0.0.1:4000";

        Console.WriteLine($$"""
            FakeRiver   {{riverUrl}}   (API key {{options.ApiKeys[0]}}, webhook secret {{options.WebhookSecret}})
            ChatBackend {{backendUrl}}
            Chat page:  {{backendUrl}}/
            Dashboard:  {{riverUrl}}{{Dashboard.DashboardEndpoints.Path}}
            Try:  curl -s -X POST {{backendUrl}}/chat -H 'Content-Type: application/json' -d '{"message":"Hello"}'
            Then: curl -s {{riverUrl}}/__admin/requests
            Ctrl+C stops both.
            """);
        await Task.WhenAll(river.WaitForShutdownAsync(), backend.WaitForShutdownAsync());
        return 0;
    }
}
