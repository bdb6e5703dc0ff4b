using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FakeRiver;
using FakeRiver.Requests;
using FakeRiver.Testing;
using FakeRiver.Workflows;

namespace Contract.Fixture;

/// <summary>The test fixture itself: transports, clocks, workflows from code or YAML, journals, reset.</summary>
public class FakeRiverServerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task StartAsync_Defaults_InMemoryWithTheDocumentedIdentity()
    {
        await using var river = await FakeRiverServer.StartAsync();
        using var anonymous = river.CreateClient(authorized: false);

        var denied = await anonymous.PostAsJsonAsync("/v1/ai/async", FixtureWorkflows.Body("mr_chatbot_standard"));

        Assert.True(river.IsInMemory);
        Assert.Equal(new Uri("http://localhost/"), river.BaseAddress);
        Assert.Equal((DevDefaults.ApiKey, DevDefaults.WebhookSecret, DevDefaults.ProjectId), (river.ApiKey, river.WebhookSecret, river.ProjectId));
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Same(TimeProvider.System, river.Clock);
    }

    [Fact]
    public async Task StartAsync_Loopback_FreePortServesHttpAndRealWebSocket()
    {
        await using var river = await FakeRiverServer.StartAsync(o =>
        {
            o.Transport = FakeRiverTransport.Loopback;
            o.WorkflowsYaml = FixtureWorkflows.Instant;
        });
        using var http = new HttpClient { BaseAddress = river.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", river.ApiKey);

        var accepted = await StartAsync(http, "plain");
        await using var stream = await river.JoinStreamAsync(accepted);
        var final = await stream.ReadFinalResponseAsync();

        Assert.False(river.IsInMemory);
        Assert.Equal("127.0.0.1", river.BaseAddress.Host);
        Assert.NotEqual(0, river.BaseAddress.Port);
        Assert.StartsWith($"ws://127.0.0.1:{river.BaseAddress.Port}/", accepted["websocket_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("success", final["status"]!.GetValue<string>());
        Assert.Equal(5, stream.Payloads("tokens").Count());
    }

    [Fact]
    public async Task VirtualTime_PacedWorkflow_StreamsOnlyWhenAdvanced()
    {
        await using var river = await FakeRiverServer.StartAsync(o =>
        {
            o.UseVirtualTime();
            o.WorkflowsYaml = FixtureWorkflows.Paced;
        });
        using var http = river.CreateClient();
        var accepted = await StartAsync(http, "plain");
        var channelId = accepted["channel_id"]!.GetValue<string>();
        await using var stream = await river.JoinStreamAsync(accepted);
        var beforeAdvance = river.GetRequest(channelId)!;

        river.Advance(TimeSpan.FromSeconds(1));
        var final = await stream.ReadFinalResponseAsync();
        var after = await river.WaitForRequestAsync(channelId, RequestState.Succeeded, Patience);

        Assert.Equal((RequestState.Processing, 0L), (beforeAdvance.State, beforeAdvance.TokenCount));
        Assert.Equal(FakeRiverServerOptions.DefaultEpoch, after.CreatedAt);
        Assert.Equal("success", final["status"]!.GetValue<string>());
        Assert.Equal(5, after.TokenCount);
    }

    [Fact]
    public async Task Advance_SystemClock_Throws()
    {
        await using var river = await FakeRiverServer.StartAsync();

        Assert.Throws<InvalidOperationException>(() => river.Advance(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Workflows_FromCode_ReplaceTheDefaults()
    {
        await using var river = await FakeRiverServer.StartAsync(o => o.Workflows.Add(new WorkflowDefinition
        {
            Name = "from_code",
            TextTokens = 3,
            Providers = [new ProviderDefinition { Provider = "openai", Model = "gpt-4o-mini" }],
        }));
        using var http = river.CreateClient();

        var accepted = await StartAsync(http, "from_code");
        var done = await river.WaitForRequestAsync(accepted["channel_id"]!.GetValue<string>(), RequestState.Succeeded, Patience);
        var unknown = await http.PostAsJsonAsync("/v1/ai/async", FixtureWorkflows.Body("mr_chatbot_standard"));

        Assert.Equal(3, done.TokenCount);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task StartAsync_BadWorkflowYaml_ThrowsWithTheField()
    {
        var error = await Assert.ThrowsAsync<WorkflowConfigException>(() => FakeRiverServer.StartAsync(o => o.WorkflowsYaml = "workflows:\n  - name: x\n    bogus: 1\n"));

        Assert.Contains("bogus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_YamlAndCodeWorkflows_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => FakeRiverServer.StartAsync(o =>
        {
            o.WorkflowsYaml = FixtureWorkflows.Instant;
            o.Workflows.Add(new WorkflowDefinition { Name = "x", Providers = [] });
        }));
    }

    [Fact]
    public async Task Reset_AfterARequest_EmptiesEveryJournal()
    {
        await using var river = await FakeRiverServer.StartAsync(o => o.WorkflowsYaml = FixtureWorkflows.Instant);
        using var http = river.CreateClient();
        var accepted = await StartAsync(http, "plain");
        await river.WaitForRequestAsync(accepted["channel_id"]!.GetValue<string>(), RequestState.Succeeded, Patience);
        var before = river.GetRequests().Count;

        river.Reset();

        Assert.Equal(1, before);
        Assert.Empty(river.GetRequests());
        Assert.Empty(river.GetWebhooks());
        Assert.Empty(river.GetCallbacks());
    }

    [Fact]
    public async Task WaitForRequestAsync_StateNeverReached_ThrowsTimeoutNamingTheState()
    {
        await using var river = await FakeRiverServer.StartAsync(o =>
        {
            o.UseVirtualTime();
            o.WorkflowsYaml = FixtureWorkflows.Paced;
        });
        using var http = river.CreateClient();
        var accepted = await StartAsync(http, "plain");

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            river.WaitForRequestAsync(accepted["channel_id"]!.GetValue<string>(), RequestState.Succeeded, TimeSpan.FromMilliseconds(50)));

        Assert.Contains("still Processing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JoinStreamAsync_Joined_SocketJournalShowsTheJoin()
    {
        await using var river = await FakeRiverServer.StartAsync(o => o.WorkflowsYaml = FixtureWorkflows.Instant);
        using var http = river.CreateClient();
        var accepted = await StartAsync(http, "plain");
        var channelId = accepted["channel_id"]!.GetValue<string>();

        await using var stream = await river.JoinStreamAsync(accepted);
        var joined = await river.WaitForSocketEventAsync(e => e.Kind == "joined" && e.ChannelId == channelId, Patience);

        Assert.True(stream.Joined);
        Assert.Equal(accepted["websocket_channel"]!.GetValue<string>(), joined.Topic);
        Assert.Contains(river.GetSocketEvents(), e => e.Kind == "connected");
    }

    internal static async Task<JsonObject> StartAsync(HttpClient http, string workflow, string? webhookUrl = null)
    {
        var response = await http.PostAsJsonAsync("/v1/ai/async", FixtureWorkflows.Body(workflow, webhookUrl));
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body;
    }
}
