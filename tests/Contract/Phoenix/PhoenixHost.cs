using System.Text.Json.Nodes;
using FakeRiver.Phoenix;
using FakeRiver.Requests;
using FakeRiver.Testing;
using FakeRiver.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Contract.Phoenix;

/// <summary>One in-memory FakeRiver (the FakeRiver.Testing fixture) per test, on a FakeTimeProvider, with helpers to register requests and connect.</summary>
internal sealed class PhoenixHost : IAsyncDisposable
{
    private readonly FakeRiverServer _river;

    public PhoenixHost(Action<IServiceCollection>? configure = null)
    {
        // Started off the test's synchronization context: the constructor is synchronous for the tests' sake.
        _river = Task.Run(() => FakeRiverServer.StartAsync(o =>
        {
            o.Clock = Time;
            o.ConfigureServices = configure;
        })).GetAwaiter().GetResult();
    }

    public FakeTimeProvider Time { get; } = new();

    public PhoenixJournal Journal => Service<PhoenixJournal>();

    public string ProjectId => _river.ProjectId;

    public T Service<T>() where T : notnull => _river.Services.GetRequiredService<T>();

    public HttpClient CreateHttpClient() => _river.CreateClient(authorized: false);

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
        var socket = await _river.ConnectWebSocketAsync(SocketUri(token, vsn)).WaitAsync(PhoenixTestClient.Cap);
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
        await _river.DisposeAsync();
    }
}
