using System.Text.Json.Nodes;
using FakeRiver;
using FakeRiver.Phoenix;
using FakeRiver.Requests;
using FakeRiver.Workflows;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Contract.Phoenix;

/// <summary>One FakeRiver host per test, on a FakeTimeProvider, with helpers to register requests and connect.</summary>
internal sealed class PhoenixHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<FakeRiverEntry> _root = new();
    private readonly WebApplicationFactory<FakeRiverEntry> _factory;

    public PhoenixHost(Action<IServiceCollection>? configure = null)
    {
        // The test server answers on http://localhost (port 80), not on the address FakeRiver would listen on.
        _factory = _root.WithWebHostBuilder(builder => builder
            .UseSetting("FakeRiver:Admin:AllowedHosts:0", "localhost")
            .ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Time);
                configure?.Invoke(services);
            }));
    }

    public FakeTimeProvider Time { get; } = new();

    public PhoenixJournal Journal => Service<PhoenixJournal>();

    public string ProjectId => Service<IOptions<FakeRiverOptions>>().Value.ProjectId;

    public T Service<T>() where T : notnull => _factory.Services.GetRequiredService<T>();

    public HttpClient CreateHttpClient() => _factory.CreateClient();

    public string NewUuid() => Service<RandomSource>().NewUuid();

    public RiverRequest AddRequest()
    {
        var workflow = new WorkflowDefinition { Name = "phoenix-test", Providers = [] };
        var request = new RiverRequest(NewUuid(), ProjectId, workflow, Time.GetUtcNow()) { PublicBaseUri = new Uri("http://localhost/") };
        Service<RequestRegistry>().Add(request);
        return request;
    }

    public string IssueToken(RiverRequest request) => Service<WsTokenStore>().Issue(request.ProjectId, request.ChannelId).Token;

    public static Uri SocketUri(string token, string? vsn = "2.0.0") =>
        new($"ws://localhost/socket/websocket?token={Uri.EscapeDataString(token)}{(vsn is null ? "" : $"&vsn={vsn}")}");

    public async Task<PhoenixTestClient> ConnectAsync(string token, string? vsn = "2.0.0")
    {
        var client = _factory.Server.CreateWebSocketClient();
        var socket = await client.ConnectAsync(SocketUri(token, vsn), CancellationToken.None).WaitAsync(PhoenixTestClient.Cap);
        return new PhoenixTestClient(socket);
    }

    /// <summary>A fresh request, a token for it and a connected (not yet joined) client.</summary>
    public async Task<(RiverRequest Request, PhoenixTestClient Client)> ConnectToNewRequestAsync(string? vsn = "2.0.0")
    {
        var request = AddRequest();
        var client = await ConnectAsync(IssueToken(request), vsn);
        return (request, client);
    }

    public static JsonObject Response(string status) => new() { ["status"] = status };

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _root.DisposeAsync();
    }
}
