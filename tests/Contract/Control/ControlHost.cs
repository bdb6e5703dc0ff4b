using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using FakeRiver.Requests;

namespace Contract.Control;

/// <summary>
/// FakeRiver alone with open keys, a webhook receiver at http://receiver.test, and clients per project: the shape of
/// a FakeRiver shared by several test suites, each with its own <c>mr_test_</c> key.
/// </summary>
internal sealed class ControlHost : IAsyncDisposable
{
    public const string KeyA = "mr_test_suite_alpha";
    public const string KeyB = "mr_test_suite_beta";
    public const string ReceiverUrl = "http://receiver.test/hook";

    private ControlHost(HarnessHost host, StubReceiver receiver)
    {
        Host = host;
        Receiver = receiver;
    }

    public HarnessHost Host { get; }

    public StubReceiver Receiver { get; }

    public static ControlHost Start(string? workflowYaml = null, Dictionary<string, string?>? settings = null)
    {
        var receiver = new StubReceiver();
        var riverSettings = new Dictionary<string, string?>(settings ?? []) { ["FakeRiver:OpenKeys"] = "true" };
        var host = HarnessHost.Start(new HarnessOptions
        {
            WithBackend = false,
            WorkflowYaml = workflowYaml ?? TestWorkflows.Instant,
            RiverSettings = riverSettings,
            ExtraHosts = { ["receiver.test"] = receiver },
        });
        return new ControlHost(host, receiver);
    }

    /// <summary>A client for FakeRiver with <paramref name="key"/> as its Bearer key.</summary>
    public HttpClient Client(string key)
    {
        var client = Host.RiverClient(authorized: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>An admin client scoped to <paramref name="scope"/> (a key or project id), or unscoped.</summary>
    public HttpClient Admin(string? scope = null)
    {
        var client = Host.RiverClient(authorized: false);
        if (scope is not null) client.DefaultRequestHeaders.Add("X-FakeRiver-Project", scope);
        return client;
    }

    public async Task<JsonObject> StartAsync(string key, string workflow = "mr_chatbot_standard", bool webhook = true)
    {
        using var client = Client(key);
        var body = AsyncApi.ChatBody(workflow);
        if (webhook) body["webhook_url"] = ReceiverUrl;
        var (response, json) = await AsyncApi.PostAsync(client, "/v1/ai/async", AsyncApi.Json(body));
        Assert.True(response.IsSuccessStatusCode, json.ToJsonString());
        return json;
    }

    public RiverRequest Request(JsonObject started)
    {
        Assert.True(Host.RiverService<RequestRegistry>().TryGet(started["channel_id"]!.GetValue<string>(), out var request));
        return request;
    }

    public async Task<RiverRequest> FinishAsync(JsonObject started)
    {
        var request = Request(started);
        await request.Log.Finished.WaitAsync(TimeSpan.FromSeconds(10));
        return request;
    }

    /// <summary>Waits (10 s real-time cap) until the channel has streamed its first token.</summary>
    public static async Task WaitForFirstTokenAsync(ChannelLog log)
    {
        using var subscription = log.Subscribe(0);
        if (subscription.Replay.Any(e => e.Event == ChannelEvent.Tokens)) return;
        using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var evt in subscription.Live.ReadAllAsync(cap.Token))
        {
            if (evt.Event == ChannelEvent.Tokens) return;
        }
    }

    public static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    public static async Task<JsonObject> JsonOf(HttpResponseMessage response) =>
        (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Receiver.Dispose();
    }
}
