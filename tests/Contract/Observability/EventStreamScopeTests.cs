using Contract.Cluster;
using FakeRiver.Requests;
using FakeRiver.Testing;

namespace Contract.Observability;

/// <summary><c>/__admin/events</c> with <c>X-FakeRiver-Project</c> in one process: the project's events only, replay included.</summary>
public sealed class EventStreamScopeTests
{
    private const string Alpha = "mr_test_scope_alpha";
    private const string Beta = "mr_test_scope_beta";

    [Fact]
    public async Task EventStream_ScopedToAProject_ReplaysAndStreamsOnlyItsRequests()
    {
        await using var river = await FakeRiverServer.StartAsync(o =>
        {
            o.Transport = FakeRiverTransport.Loopback;
            o.WorkflowsYaml = ClusterNodes.Workflows;
            o.Settings["FakeRiver:OpenKeys"] = "true";
        });
        await using var live = await EventStreamReader.OpenAsync(river, Alpha);
        var beta = await AcceptAsync(river, Beta);
        await river.WaitForRequestAsync(beta, RequestState.Succeeded, TimeSpan.FromSeconds(20));
        var alpha = await AcceptAsync(river, Alpha);
        await live.ReadUntilAsync((e, _) => EventStreamReader.IsFinal(e, alpha));

        await using var replayed = await EventStreamReader.OpenAsync(river, Alpha);
        await using var everything = await EventStreamReader.OpenAsync(river);

        Assert.All(live.Seen, e => Assert.Equal(alpha, EventStreamReader.Channel(e)));
        Assert.Equal(live.Seen.Select(e => e.EventId), replayed.Seen.Select(e => e.EventId));
        Assert.Contains(replayed.Seen, e => e.EventType == "accepted");
        Assert.Contains(everything.Seen, e => EventStreamReader.Channel(e) == beta);
    }

    private static async Task<string> AcceptAsync(FakeRiverServer river, string key)
    {
        using var http = river.CreateClient(authorized: false);
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        using var content = new StringContent("""{"workflow": "paced", "messages": [{"role": "user", "content": "Hi"}]}""",
            System.Text.Encoding.UTF8, "application/json");
        using var answer = await http.PostAsync("/v1/ai/async", content);
        answer.EnsureSuccessStatusCode();
        return System.Text.Json.Nodes.JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["channel_id"]!.GetValue<string>();
    }
}
