using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using FakeRiver;
using FakeRiver.Phoenix;
using FakeRiver.Requests;
using FakeRiver.Workflows;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Contract.Phoenix.SlowConsumers;

/// <summary>
/// FakeRiver on real Kestrel loopback (so a client that stops reading fills real kernel buffers) with virtual time
/// (so send timeouts, idle timeouts and close graces fire only when a test advances the clock).
/// </summary>
internal sealed class KestrelPhoenixHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<FakeRiverEntry> _root = new();
    private readonly WebApplicationFactory<FakeRiverEntry> _factory;

    public KestrelPhoenixHost(IReadOnlyDictionary<string, string> phoenixSettings)
    {
        _factory = _root.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in phoenixSettings) builder.UseSetting($"{PhoenixOptions.Section}:{key}", value);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        using var http = _factory.CreateClient();
        BaseUri = http.BaseAddress!;
    }

    public FakeTimeProvider Time { get; } = new();

    public Uri BaseUri { get; }

    public PhoenixJournal Journal => Service<PhoenixJournal>();

    public PhoenixOptions Options => Service<IOptions<PhoenixOptions>>().Value;

    public T Service<T>() where T : notnull => _factory.Services.GetRequiredService<T>();

    public RiverRequest AddRequest()
    {
        var request = new RiverRequest(
            Service<RandomSource>().NewUuid(), Service<IOptions<FakeRiverOptions>>().Value.ProjectId,
            new WorkflowDefinition { Name = "slow-consumer-test", Providers = [] }, Time.GetUtcNow())
        { PublicBaseUri = BaseUri };
        Service<RequestRegistry>().Add(request);
        return request;
    }

    public string IssueToken(RiverRequest request) => Service<WsTokenStore>().Issue(request.ProjectId, request.ChannelId).Token;

    public Uri SocketUri(string token) =>
        new($"ws://{BaseUri.Authority}/socket/websocket?token={Uri.EscapeDataString(token)}&vsn=2.0.0");

    /// <summary>A normal client: a <see cref="ClientWebSocket"/> that the test reads from.</summary>
    public async Task<PhoenixTestClient> ConnectReaderAsync(string token)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(SocketUri(token), CancellationToken.None).WaitAsync(PhoenixTestClient.Cap);
        return new PhoenixTestClient(socket);
    }

    /// <summary>A fresh ws_token through the real <c>POST /api/v1/ai/reconnect</c>.</summary>
    public async Task<string> ReconnectTokenAsync(RiverRequest request)
    {
        using var http = _factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevDefaults.ApiKey);
        using var response = await http.PostAsync("/api/v1/ai/reconnect",
            new StringContent(new JsonObject { ["channel_id"] = request.ChannelId }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["ws_token"]!.GetValue<string>();
    }

    /// <summary>The first journal entry of <paramref name="kind"/> for one socket, recorded or still to come.</summary>
    public Task<PhoenixJournalEntry> WaitForAsync(string socketId, string kind) =>
        Journal.WaitForAsync(e => e.SocketId == socketId && e.Kind == kind);

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _root.DisposeAsync();
    }
}
