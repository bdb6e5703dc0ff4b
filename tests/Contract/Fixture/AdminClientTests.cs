using System.Net;
using System.Text.Json.Nodes;
using FakeRiver.Requests;
using FakeRiver.Testing;
using FakeRiver.Testing.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace Contract.Fixture;

/// <summary>The fixture's typed <c>/__admin</c> client, over real HTTP to the in-memory server.</summary>
public class AdminClientTests
{
    private const string Workflows = """
        workflows:
          - name: flow
            text_tokens: 3
            providers:
              - {provider: openai, model: primary}
              - {provider: anthropic, model: backup}
        """;

    private static Task<FakeRiverServer> StartAsync() =>
        FakeRiverServer.StartAsync(o =>
        {
            o.WorkflowsYaml = Workflows;
            o.Settings["FakeRiver:OpenKeys"] = "true";
        });

    private static async Task<JsonArray> AttemptsOfNextRequestAsync(FakeRiverServer river, string key, string workflow = "flow")
    {
        using var client = river.CreateClient(authorized: false);
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var answer = await client.PostAsync("/v1/ai/async", new StringContent(
            $$"""{"workflow": "{{workflow}}", "messages": [{"role": "user", "content": "hi"}]}""", System.Text.Encoding.UTF8, "application/json"));
        var started = (JsonObject)JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        river.Services.GetRequiredService<RequestRegistry>().TryGet(started["channel_id"]!.GetValue<string>(), out var request);
        await request.Log.Finished.WaitAsync(TimeSpan.FromSeconds(10));
        return JsonNode.Parse(request.Log.LatestResponse!.PayloadUtf8.Span)!["meta"]!["attempts"]!.AsArray();
    }

    [Fact]
    public async Task Faults_AddProviderFaultTwice_NextTwoRequestsFailOverThenNone()
    {
        await using var river = await StartAsync();

        var id = await river.Faults.AddProviderFaultAsync("flow", status: 503, times: 2);
        var remaining = await river.Faults.ListAsync();
        var counts = new List<int>();
        for (var i = 0; i < 3; i++) counts.Add((await AttemptsOfNextRequestAsync(river, river.ApiKey)).Count);

        Assert.Equal(id, Assert.Single(remaining)["id"]!.GetValue<string>());
        Assert.Equal([2, 2, 1], counts);
        Assert.Empty(await river.Faults.ListAsync());
    }

    [Fact]
    public async Task Workflows_PutGetListDelete_RoundTripOverHttp()
    {
        await using var river = await StartAsync();

        var put = await river.Workflows.PutAsync("quick", "test_mode: true\n");
        var got = await river.Workflows.GetAsync("quick");
        var names = (await river.Workflows.ListAsync()).Select(w => w["name"]!.GetValue<string>()).ToList();
        var deleted = await river.Workflows.DeleteAsync("quick");

        Assert.Equal("admin", put["source"]!.GetValue<string>());
        Assert.True(got!["test_mode"]!.GetValue<bool>());
        Assert.Contains("quick", names);
        Assert.True(deleted);
        Assert.Null(await river.Workflows.GetAsync("quick"));
        Assert.False(await river.Workflows.DeleteAsync("quick"));
    }

    [Fact]
    public async Task Workflows_InvalidEntry_ThrowsWithTheFileLoadersErrors()
    {
        await using var river = await StartAsync();

        var error = await Assert.ThrowsAsync<FakeRiverAdminException>(() => river.Workflows.PutAsync("bad", "providers: 7\n"));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("invalid_workflow", error.Code);
        Assert.Contains("body:1: providers: expected a list of providers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForProject_FaultsAndResetOfOneProject_OtherProjectUntouched()
    {
        await using var river = await StartAsync();
        var alpha = river.Admin.ForProject("mr_test_alpha");

        await alpha.Faults.AddProviderFaultAsync("flow", status: 500, times: 5);
        var beta = await AttemptsOfNextRequestAsync(river, "mr_test_beta");
        var alphaAttempts = await AttemptsOfNextRequestAsync(river, "mr_test_alpha");
        await alpha.ResetAsync();

        Assert.Single(beta);
        Assert.Equal(2, alphaAttempts.Count);
        Assert.Empty(await alpha.GetRequestsAsync());
        Assert.Single(await river.Admin.ForProject("mr_test_beta").GetRequestsAsync());
        Assert.Empty(await alpha.Faults.ListAsync());
    }
}
