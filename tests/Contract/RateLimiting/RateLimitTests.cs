using System.Net;
using Contract.Api;
using Contract.Infrastructure;
using Contract.Sync;
using FakeRiver.Workflows;
using static Contract.Pipeline.FailoverHarness;

namespace Contract.RateLimiting;

/// <summary>The gateway's own limits: project-wide and per workflow, a sliding window on the injected clock.</summary>
public class RateLimitTests
{
    private static HarnessHost ProjectLimited(int requests, int windowSeconds) => HarnessHost.Start(new HarnessOptions
    {
        WithBackend = false,
        WorkflowYaml = TestWorkflows.Instant,
        RiverSettings =
        {
            ["FakeRiver:RateLimit:Requests"] = requests.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FakeRiver:RateLimit:WindowSeconds"] = windowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    });

    private static async Task<HttpResponseMessage> StartAsync(HarnessHost host, string workflow = "mr_chatbot_standard")
    {
        using var client = host.RiverClient();
        var (response, _) = await AsyncApi.PostAsync(client, "/v1/ai/async", AsyncApi.Json(AsyncApi.ChatBody(workflow)));
        return response;
    }

    [Fact]
    public async Task AsyncRequest_OverProjectLimit_429RateLimitExceededWithRetryAfter()
    {
        await using var host = ProjectLimited(2, 10);
        Assert.Equal(HttpStatusCode.OK, (await StartAsync(host)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StartAsync(host)).StatusCode);

        using var client = host.RiverClient();
        var (response, body) = await AsyncApi.PostAsync(client, "/v1/ai/async", AsyncApi.Json(AsyncApi.ChatBody()));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "rate_limit_exceeded");
        Assert.Equal("10", SyncApi.Header(response, "Retry-After"));
    }

    [Fact]
    public async Task ProjectLimit_WindowSlides_RetryAfterCountsFromTheOldestAdmittedRequest()
    {
        await using var host = ProjectLimited(2, 10);
        await StartAsync(host);                                   // t = 0
        host.Clock.Advance(TimeSpan.FromSeconds(6));
        await StartAsync(host);                                   // t = 6
        host.Clock.Advance(TimeSpan.FromSeconds(1));

        var at7 = await StartAsync(host);                         // t = 7: both in the window
        host.Clock.Advance(TimeSpan.FromSeconds(3));
        var at10 = await StartAsync(host);                        // t = 10: the t = 0 request has left it
        var at10Again = await StartAsync(host);                   // t = 10: t = 6 and t = 10 fill it

        Assert.Equal(HttpStatusCode.TooManyRequests, at7.StatusCode);
        Assert.Equal("3", SyncApi.Header(at7, "Retry-After"));
        Assert.Equal(HttpStatusCode.OK, at10.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, at10Again.StatusCode);
        Assert.Equal("6", SyncApi.Header(at10Again, "Retry-After"));
    }

    [Fact]
    public async Task SyncRequest_OverProjectLimit_429WithRetryAfter()
    {
        await using var host = ProjectLimited(1, 60);
        await SyncApi.PostAsync(host, SyncApi.Body());

        var (response, body) = await SyncApi.PostAsync(host, SyncApi.Body());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "rate_limit_exceeded");
        Assert.Equal("60", SyncApi.Header(response, "Retry-After"));
    }

    [Fact]
    public async Task WorkflowLimit_Exceeded_OnlyThatWorkflowIsLimitedOnBothPaths()
    {
        await using var host = HarnessHost.Start(new HarnessOptions
        {
            WithBackend = false,
            WorkflowYaml = Workflow(Provider("p"), extra: "    rate_limit: { requests: 1, window_seconds: 30 }") + """

              - name: free
                providers:
                  - provider: p
                    model: m
            """,
        });

        var first = await StartAsync(host, "wf");
        var (syncAnswer, _) = await SyncApi.PostAsync(host, SyncApi.Body("wf"));
        var other = await StartAsync(host, "free");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, syncAnswer.StatusCode);
        Assert.Equal("30", SyncApi.Header(syncAnswer, "Retry-After"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task ProjectLimit_TwoProjects_EachHasItsOwnWindow()
    {
        await using var host = HarnessHost.Start(new HarnessOptions
        {
            WithBackend = false,
            WorkflowYaml = TestWorkflows.Instant,
            RiverSettings = { ["FakeRiver:OpenKeys"] = "true", ["FakeRiver:RateLimit:Requests"] = "1" },
        });
        async Task<HttpStatusCode> StartWithKeyAsync(string key)
        {
            using var client = host.RiverClient(authorized: false);
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
            var (response, _) = await AsyncApi.PostAsync(client, "/v1/ai/async", AsyncApi.Json(AsyncApi.ChatBody()));
            return response.StatusCode;
        }

        var first = await StartWithKeyAsync("mr_test_team_a");
        var again = await StartWithKeyAsync("mr_test_team_a");
        var other = await StartWithKeyAsync("mr_test_team_b");

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.TooManyRequests, again);
        Assert.Equal(HttpStatusCode.OK, other);
    }

    [Fact]
    public async Task RateLimit_InvalidRequest_DoesNotUseTheBudget()
    {
        await using var host = ProjectLimited(1, 60);
        using var client = host.RiverClient();
        var (bad, _) = await AsyncApi.PostAsync(client, "/v1/ai/async", AsyncApi.Json("""{"workflow":"mr_chatbot_standard"}"""));

        var good = await StartAsync(host);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Theory]
    [InlineData("rate_limit: { requests: 0, window_seconds: 10 }", "rate_limit.requests")]
    [InlineData("rate_limit: { requests: 5 }", "rate_limit.window_seconds")]
    [InlineData("rate_limit: { requests: 5, window_seconds: 10, burst: 2 }", "burst")]
    public void WorkflowFile_BadRateLimit_ErrorNamesTheField(string line, string field)
    {
        var yaml = $"""
            workflows:
              - name: wf
                {line}
                providers:
                  - provider: p
                    model: m
            """;

        var error = Assert.Throws<WorkflowConfigException>(() => WorkflowFileLoader.Load(yaml, "test.yaml"));

        Assert.Contains(field, error.Message);
    }

    [Theory]
    [InlineData(-1, 60, "RateLimit:Requests")]
    [InlineData(5, 0, "RateLimit:WindowSeconds")]
    public void Options_BadProjectLimit_ValidationNamesTheSetting(int requests, int window, string setting)
    {
        var options = new FakeRiver.FakeRiverOptions { ApiKeys = ["k"], RateLimit = { Requests = requests, WindowSeconds = window } };

        var result = new FakeRiver.FakeRiverOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage);
    }
}
