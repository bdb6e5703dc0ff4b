using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBackend;
using FakeRiver.Hosting;
using FakeRiver.Scenarios.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Browser.Infrastructure;

/// <summary>
/// FakeRiver and ChatBackend on real loopback ports, in real time, wired to each other as <c>fakeriver dev</c> wires
/// them, with the browser tests' paced workflows (workflows.yaml). Each test starts its own.
/// </summary>
public sealed class LiveStack : IAsyncDisposable
{
    public const string ApiKey = "mr_test_browser_key";
    public const string WebhookSecret = "browser_webhook_secret";

    private LiveStack(WebApplication river, WebApplication backend, string riverUrl, string backendUrl)
    {
        River = river;
        Backend = backend;
        RiverUrl = riverUrl;
        BackendUrl = backendUrl;
        Http = new HttpClient();
    }

    public WebApplication River { get; }

    public WebApplication Backend { get; }

    public string RiverUrl { get; }

    public string BackendUrl { get; }

    public HttpClient Http { get; }

    public static async Task<LiveStack> StartAsync()
    {
        var riverUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var backendUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var river = FakeRiverApp.Create([
            "--urls", riverUrl,
            "--config", Path.Combine(AppContext.BaseDirectory, "workflows.yaml"),
            "--MODELRIVER_API_KEY", ApiKey,
            "--WEBHOOK_SECRET", WebhookSecret,
        ], builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await river.StartAsync();
        var backend = ChatBackendApp.Create([], new Dictionary<string, string?>
        {
            ["urls"] = backendUrl,
            ["BACKEND_PUBLIC_URL"] = backendUrl,
            ["MODELRIVER_API_URL"] = riverUrl,
            ["MODELRIVER_API_KEY"] = ApiKey,
            ["WEBHOOK_SECRET"] = WebhookSecret,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await backend.StartAsync();
        return new LiveStack(river, backend, riverUrl, backendUrl);
    }

    /// <summary>FakeRiver's admin view of one request (state, streamed text, AI data, latest response).</summary>
    public async Task<JsonObject> RequestAsync(string channelId) =>
        (await Http.GetFromJsonAsync<JsonObject>($"{RiverUrl}/__admin/requests/{channelId}"))!;

    /// <summary>The only request FakeRiver has seen (each test starts its own stack).</summary>
    public async Task<JsonObject> SingleRequestAsync()
    {
        var list = (await Http.GetFromJsonAsync<JsonObject>($"{RiverUrl}/__admin/requests"))!["requests"]!.AsArray();
        Assert.Single(list);
        return await RequestAsync(list[0]!["channel_id"]!.GetValue<string>());
    }

    public async Task<JsonArray> TimelineAsync(string channelId) =>
        (await Http.GetFromJsonAsync<JsonObject>($"{RiverUrl}/__admin/timeline/{channelId}"))!["events"]!.AsArray();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Backend.StopAsync();
        await River.StopAsync();
        await Backend.DisposeAsync();
        await River.DisposeAsync();
    }
}
