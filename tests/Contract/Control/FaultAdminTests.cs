using System.Net;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using FakeRiver.Requests;
using FakeRiver.Webhooks;

namespace Contract.Control;

public class FaultAdminTests
{
    private const string TwoProviders = TestWorkflows.ChatbotSchema + """

        workflows:
          - name: failover_flow
            structured_output: chatbot_response
            providers:
              - {provider: openai, model: gpt-4o-mini}
              - {provider: anthropic, model: claude-backup}
          - name: mr_chatbot_workflow
            event_name: new_chat
            structured_output: chatbot_response
            providers:
              - {provider: openai, model: gpt-4o-mini}
        """;

    [Fact]
    public async Task ProviderFault_Times2_HitsExactlyTheNextTwoRequests()
    {
        await using var river = ControlHost.Start(TwoProviders);
        using var admin = river.Admin(ControlHost.KeyA);

        var added = await admin.PostAsync("/__admin/faults", AsyncApi.Json("""{"workflow": "failover_flow", "times": 2, "provider": {"status": 503}}"""));
        var created = await ControlHost.JsonOf(added);
        var attempts = new List<JsonArray>();
        for (var i = 0; i < 3; i++)
        {
            var request = await river.FinishAsync(await river.StartAsync(ControlHost.KeyA, "failover_flow"));
            attempts.Add(JsonNode.Parse(request.Log.LatestResponse!.PayloadUtf8.Span)!["meta"]!["attempts"]!.AsArray());
            if (i == 0)
            {
                var left = JsonNode.Parse(await admin.GetStringAsync("/__admin/faults"))!["faults"]!.AsArray();
                Assert.Equal(1, Assert.Single(left)!["remaining"]!.GetValue<int>());
            }
        }
        var after = JsonNode.Parse(await admin.GetStringAsync("/__admin/faults"))!["faults"]!.AsArray();

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.False(string.IsNullOrEmpty(created["id"]!.GetValue<string>()));
        foreach (var faulted in attempts.Take(2))
        {
            Assert.Equal(2, faulted.Count);
            Assert.False(faulted[0]!["success"]!.GetValue<bool>());
            Assert.Equal("http_503", faulted[0]!["reason"]!.GetValue<string>());
            Assert.Equal("anthropic", faulted[1]!["provider"]!.GetValue<string>());
        }
        Assert.Single(attempts[2]);
        Assert.Empty(after);
    }

    [Fact]
    public async Task ProviderFault_OfProjectA_ProjectBUnaffected()
    {
        await using var river = ControlHost.Start(TwoProviders);
        using var admin = river.Admin(ControlHost.KeyA);
        await admin.PostAsync("/__admin/faults", AsyncApi.Json("""{"workflow": "failover_flow", "provider": {"status": 500}}"""));

        var b = await river.FinishAsync(await river.StartAsync(ControlHost.KeyB, "failover_flow"));
        var a = await river.FinishAsync(await river.StartAsync(ControlHost.KeyA, "failover_flow"));

        Assert.Single(JsonNode.Parse(b.Log.LatestResponse!.PayloadUtf8.Span)!["meta"]!["attempts"]!.AsArray());
        Assert.Equal(2, JsonNode.Parse(a.Log.LatestResponse!.PayloadUtf8.Span)!["meta"]!["attempts"]!.AsArray().Count);
    }

    [Fact]
    public async Task WebhookFault_Status500_FirstAttemptFailsThenRetryDelivers()
    {
        await using var river = ControlHost.Start(TwoProviders);
        using var admin = river.Admin(ControlHost.KeyA);
        await admin.PostAsync("/__admin/faults", AsyncApi.Json("""{"workflow": "failover_flow", "webhook": {"status": 500}}"""));

        var request = await river.FinishAsync(await river.StartAsync(ControlHost.KeyA, "failover_flow"));
        var journal = river.Host.RiverService<WebhookJournal>();
        var first = await WaitForDeliveryAsync(journal, request.ChannelId, d => d.Attempts.Count == 1 && d.NextAttemptAt is not null);
        river.Host.Clock.Advance(first.NextAttemptAt!.Value - river.Host.Clock.GetUtcNow());
        var done = await WaitForDeliveryAsync(journal, request.ChannelId, d => d.State == WebhookDeliveryState.Delivered);

        Assert.Equal(500, done.Attempts[0].StatusCode);
        Assert.Equal(200, done.Attempts[1].StatusCode);
        Assert.Single(river.Receiver.Received); // the faulted attempt never reached the receiver
    }

    [Fact]
    public async Task WebhookFault_BadSignature_ChatBackendRejectsWith401()
    {
        await using var host = HarnessHost.Start(new HarnessOptions { WorkflowYaml = TestWorkflows.Instant, RiverSettings = { ["FakeRiver:OpenKeys"] = "true" } });
        using var admin = host.RiverClient(authorized: false);
        admin.DefaultRequestHeaders.Add("X-FakeRiver-Project", HarnessHost.ApiKey);
        await admin.PostAsync("/__admin/faults", AsyncApi.Json("""{"workflow": "mr_chatbot_workflow", "webhook": {"bad_signature": true}}"""));
        using var browser = host.BackendClient();

        var chat = await browser.PostAsync("/chat", AsyncApi.Json("""{"message": "Hello"}"""));
        var channelId = (await ControlHost.JsonOf(chat))["channel_id"]!.GetValue<string>();
        var journal = host.RiverService<WebhookJournal>();
        var first = await WaitForDeliveryAsync(journal, channelId, d => d.Attempts.Count == 1);

        Assert.Equal(401, first.Attempts[0].StatusCode);
    }

    [Fact]
    public async Task WebhookFault_Refuse_RecordedAsConnectionError()
    {
        await using var river = ControlHost.Start(TwoProviders);
        using var admin = river.Admin();
        await admin.PostAsync("/__admin/faults", AsyncApi.Json("""{"workflow": "failover_flow", "webhook": {"refuse": true}}"""));

        var request = await river.FinishAsync(await river.StartAsync(ControlHost.KeyA, "failover_flow"));
        var first = await WaitForDeliveryAsync(river.Host.RiverService<WebhookJournal>(), request.ChannelId, d => d.Attempts.Count == 1);

        Assert.Null(first.Attempts[0].StatusCode);
        Assert.Contains("refused", first.Attempts[0].Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CallbackFault_Status503_FirstCallbackRefusedSecondCompletes()
    {
        await using var river = ControlHost.Start(TwoProviders);
        using var admin = river.Admin(ControlHost.KeyA);
        await admin.PostAsync("/__admin/faults", AsyncApi.Json("""{"workflow": "mr_chatbot_workflow", "callback": {"status": 503}}"""));
        var request = river.Request(await river.StartAsync(ControlHost.KeyA, "mr_chatbot_workflow"));
        await ChannelWatch.WaitForResponseAsync(request.Log, "ai_generated");
        using var client = river.Client(ControlHost.KeyA);
        JsonObject Callback() => new() { ["data"] = new JsonObject { ["reply"] = "hi" }, ["task_id"] = "t" };

        var (first, firstBody) = await AsyncApi.PostAsync(client, $"/v1/callback/{request.ChannelId}", AsyncApi.Json(Callback()));
        var stateAfterFirst = request.State;
        var (second, _) = await AsyncApi.PostAsync(client, $"/v1/callback/{request.ChannelId}", AsyncApi.Json(Callback()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        AsyncApi.AssertEnvelope(firstBody, "injected_fault");
        Assert.Equal(RequestState.AwaitingCallback, stateAfterFirst);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(RequestState.Completed, request.State);
    }

    [Fact]
    public async Task DeleteFault_BeforeUse_NoRequestHit()
    {
        await using var river = ControlHost.Start(TwoProviders);
        using var admin = river.Admin(ControlHost.KeyA);
        var id = (await ControlHost.JsonOf(await admin.PostAsync("/__admin/faults", AsyncApi.Json("""{"workflow": "failover_flow", "provider": {"status": 503}}"""))))["id"]!.GetValue<string>();

        var deleted = await admin.DeleteAsync($"/__admin/faults/{id}");
        var again = await admin.DeleteAsync($"/__admin/faults/{id}");
        var request = await river.FinishAsync(await river.StartAsync(ControlHost.KeyA, "failover_flow"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        AsyncApi.AssertEnvelope(await ControlHost.JsonOf(again), "fault_not_found");
        Assert.Single(JsonNode.Parse(request.Log.LatestResponse!.PayloadUtf8.Span)!["meta"]!["attempts"]!.AsArray());
    }

    public static TheoryData<string, string, HttpStatusCode, string> BadBodies() => new()
    {
        { "application/json", "{", HttpStatusCode.BadRequest, "invalid_fault" },
        { "application/json", "[1]", HttpStatusCode.BadRequest, "invalid_fault" },
        { "application/json", "null", HttpStatusCode.BadRequest, "invalid_fault" },
        { "application/json", """{"times": 1, "provider": {"status": 500}}""", HttpStatusCode.BadRequest, "invalid_fault" },
        { "application/json", """{"workflow": "nope", "provider": {"status": 500}}""", HttpStatusCode.BadRequest, "invalid_fault" },
        { "application/json", """{"workflow": "failover_flow"}""", HttpStatusCode.BadRequest, "invalid_fault" },
        { "application/json", """{"workflow": "failover_flow", "provider": {"status": 500}, "webhook": {"status": 500}}""", HttpStatusCode.BadRequest, "invalid_fault" },
        { "application/json", """{"workflow": "failover_flow", "times": 0, "provider": {"status": 500}}""", HttpStatusCode.BadRequest, "invalid_fault" },
        { "application/json", """{"workflow": "failover_flow", "times": "two", "provider": {"status": 500}}""", HttpStatusCode.BadRequest, "invalid_fault" },
        { "application/json", """{"workflow": "failover_flow", "provider": {"status": 500, "index": 5}}""", HttpStatusCode.BadRequest, "invalid_fault" },
        { "application/json", """{"workflow": "failover_flow", "provider": {"colour": "red"}}""", HttpStatusCode.BadRequest, "invalid_fault" },
        { "application/json", """{"workflow": "failover_flow", "webhook": {"status": 200}}""", HttpStatusCode.BadRequest, "invalid_fault" },
        { "application/json", """{"workflow": "failover_flow", "webhook": {"refuse": true, "timeout": true}}""", HttpStatusCode.BadRequest, "invalid_fault" },
        { "application/json", """{"workflow": "failover_flow", "webhook": {"refuse": "sure"}}""", HttpStatusCode.BadRequest, "invalid_fault" },
        { "application/json", """{"workflow": "failover_flow", "callback": {"status": 200}}""", HttpStatusCode.BadRequest, "invalid_fault" },
        { "application/json", """{"workflow": "failover_flow", "callback": {"attempts": 2}}""", HttpStatusCode.BadRequest, "invalid_fault" },
        { "application/json", """{"workflow": ["failover_flow"], "provider": {"status": 500}}""", HttpStatusCode.BadRequest, "invalid_fault" },
        { "text/plain", """{"workflow": "failover_flow", "provider": {"status": 500}}""", HttpStatusCode.UnsupportedMediaType, "unsupported_media_type" },
        { "application/yaml", "workflow: failover_flow", HttpStatusCode.UnsupportedMediaType, "unsupported_media_type" },
        { "application/json", "{\"workflow\": \"" + new string('w', 300_000) + "\"}", HttpStatusCode.RequestEntityTooLarge, "payload_too_large" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task AddFault_MalformedOversizedOrWrongType_4xxEnvelopeNothingAdded(string contentType, string body, HttpStatusCode status, string code)
    {
        await using var river = ControlHost.Start(TwoProviders);
        using var admin = river.Admin();

        var added = await admin.PostAsync("/__admin/faults", new StringContent(body, System.Text.Encoding.UTF8, contentType));

        Assert.Equal(status, added.StatusCode);
        AsyncApi.AssertEnvelope(await ControlHost.JsonOf(added), code);
        Assert.Empty(JsonNode.Parse(await admin.GetStringAsync("/__admin/faults"))!["faults"]!.AsArray());
    }

    internal static async Task<WebhookDelivery> WaitForDeliveryAsync(WebhookJournal journal, string channelId, Func<WebhookDelivery, bool> condition)
    {
        await journal.WaitForAsync(all => all.Any(d => d.ChannelId == channelId && condition(d)), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        return journal.ForChannel(channelId).First(condition);
    }
}
