using FakeRiver.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace BackendTests;

/// <summary>
/// FakeRiver and the sample backend, both in memory: the backend reaches FakeRiver through the fixture's handler,
/// FakeRiver's webhooks reach the backend through a route for its host name. No socket, no port.
/// </summary>
public sealed class BackendWorld : IAsyncDisposable
{
    public static readonly Uri BackendUrl = new("http://backend.test/");

    private BackendWorld(FakeRiverServer river, WebApplication backend)
    {
        River = river;
        Backend = backend;
        Browser = new HttpClient(backend.GetTestServer().CreateHandler()) { BaseAddress = BackendUrl };
    }

    public FakeRiverServer River { get; }

    public WebApplication Backend { get; }

    /// <summary>The browser's client for the backend.</summary>
    public HttpClient Browser { get; }

    public static async Task<BackendWorld> StartAsync(string workflowsYaml, string workflow, WebhookFaultPlan? faults = null)
    {
        TestServer? backendServer = null;
        var river = await FakeRiverServer.StartAsync(o =>
        {
            o.WorkflowsYaml = workflowsYaml;
            o.WebhookFaults = faults ?? new WebhookFaultPlan();
            // Resolved per call: the backend starts after FakeRiver, because it needs FakeRiver's handler.
            o.RouteHosts(host => host == BackendUrl.Host ? backendServer?.CreateHandler() : null);
        });
        var settings = new BackendSettings(river.BaseAddress, river.ApiKey, river.WebhookSecret, BackendUrl, workflow);
        var backend = await SampleBackend.StartInMemoryAsync(settings, river.CreateHandler());
        backendServer = backend.GetTestServer();
        return new BackendWorld(river, backend);
    }

    public async ValueTask DisposeAsync()
    {
        Browser.Dispose();
        await Backend.DisposeAsync();
        await River.DisposeAsync();
    }
}
