using System.Text.Json.Nodes;
using Contract.Infrastructure;
using FakeRiver.Webhooks;
using static Contract.Pipeline.FailoverHarness;

namespace Contract.Pipeline;

/// <summary>Failover, schema enforcement and on_invalid modes, as docs/ARCHITECTURE.md 3.7-3.8 decide.</summary>
public class FailoverTests
{
    [Theory]
    [InlineData("fault: {status: 503}", "http_503")]
    [InlineData("fault: {status: 500}", "http_500")]
    [InlineData("fault: {status: 429, retry_after_seconds: 7}", "http_429")]
    [InlineData("fault: {kind: connection_reset}", "connection_reset")]
    public async Task Failover_PrimaryFailsBeforeFirstToken_BackupAnswersAndBothAttemptsRecorded(string fault, string reason)
    {
        var (host, request) = await StartAsync(Workflow(Provider("primary", more: fault) + "\n" + Provider("backup")));
        await using var _ = host;

        await request.Log.Finished.WaitAsync(TimeSpan.FromSeconds(10));

        var response = FinalResponse(request);
        ContractAssert.Valid("channel-response", response);
        Assert.Equal("success", response["status"]!.GetValue<string>());
        Assert.Equal([("error", reason, "primary"), ("success", null, "backup")], Attempts(response));
        AssertStreamSpellsData(request, response);
        Assert.All(Tokens(request), t => Assert.Equal("backup", t["provider"]!.GetValue<string>()));
        var failover = Assert.Single(Statuses(request), s => s["status"]!.GetValue<string>() == "failover");
        Assert.Equal(reason, failover["reason"]!.GetValue<string>());
        Assert.Equal(2, failover["attempt"]!.GetValue<int>());
    }

    [Fact]
    public async Task Failover_PrimaryHangsPastTimeout_BackupAnswersAfterTheTimeout()
    {
        var (host, request) = await StartAsync(Workflow(
            Provider("slow", more: "timeout_ms: 2000\nfault: {kind: timeout}") + "\n" + Provider("backup")));
        await using var _ = host;
        Assert.False(request.Log.Finished.IsCompleted);

        host.Clock.Advance(TimeSpan.FromSeconds(2));
        await request.Log.Finished.WaitAsync(TimeSpan.FromSeconds(10));

        var response = FinalResponse(request);
        Assert.Equal([("error", "timeout", "slow"), ("success", null, "backup")], Attempts(response));
        Assert.Equal(2000, response["meta"]!["attempts"]![0]!["duration_ms"]!.GetValue<long>());
    }

    [Fact]
    public async Task Failover_MidStreamReset_BackupContinuesFromCommittedText()
    {
        var (host, request) = await StartAsync(Workflow(
            Provider("first", more: "fault: {kind: connection_reset, after_tokens: 6}") + "\n" + Provider("second")));
        await using var _ = host;

        await request.Log.Finished.WaitAsync(TimeSpan.FromSeconds(10));

        var response = FinalResponse(request);
        AssertStreamSpellsData(request, response);
        var tokens = Tokens(request);
        Assert.Equal(6, tokens.Count(t => t["provider"]!.GetValue<string>() == "first"));
        Assert.All(tokens.Skip(6), t => Assert.Equal(2, t["attempt"]!.GetValue<int>()));
        Assert.Equal([("error", "connection_reset", "first"), ("success", null, "second")], Attempts(response));
    }

    [Fact]
    public async Task Failover_AllProvidersDown_ErrorResponseAndErrorWebhook()
    {
        var receiver = new StubReceiver();
        var (host, request) = await StartAsync(Workflow(
            Provider("a", more: "fault: {status: 500}") + "\n" + Provider("b", more: "fault: {status: 503}")), receiver);
        await using var _ = host;

        await request.Log.Finished.WaitAsync(TimeSpan.FromSeconds(10));
        await receiver.WaitForAsync(1);

        var response = FinalResponse(request);
        ContractAssert.Valid("channel-response", response);
        Assert.Equal("error", response["status"]!.GetValue<string>());
        Assert.Equal("all_providers_failed", response["error"]!["code"]!.GetValue<string>());
        Assert.Equal("error", response["meta"]!["status"]!.GetValue<string>());
        Assert.Equal([("error", "http_500", "a"), ("error", "http_503", "b")], Attempts(response));
        var webhook = JsonNode.Parse(receiver.Received[0].Body)!;
        ContractAssert.Valid("webhook-standard", webhook);
        Assert.Equal("error", webhook["status"]!.GetValue<string>());
        Assert.IsType<JsonObject>(webhook["data"]);
    }

    [Fact]
    public async Task OnInvalidNextProvider_InvalidOutputMidStream_RejectedBeforeTheClientAndBackupContinues()
    {
        var (host, request) = await StartAsync(Workflow(
            Provider("liar", more: "fault: {kind: invalid_output, after_tokens: 9}") + "\n" + Provider("honest")));
        await using var _ = host;

        await request.Log.Finished.WaitAsync(TimeSpan.FromSeconds(10));

        var response = FinalResponse(request);
        Assert.Equal("success", response["status"]!.GetValue<string>());
        Assert.Equal([("error", "schema_validation_failed", "liar"), ("success", null, "honest")], Attempts(response));
        AssertStreamSpellsData(request, response);
        Assert.DoesNotContain(Tokens(request), t => t["delta"]!.GetValue<string>().Contains('\u0007'));
    }

    [Fact]
    public async Task OnInvalidMerge_InvalidOutput_CompletedWithGeneratedValuesInOneAttempt()
    {
        var (host, request) = await StartAsync(Workflow(
            Provider("liar", more: "fault: {kind: invalid_output, after_tokens: 4}"), "    on_invalid: merge"));
        await using var _ = host;

        await request.Log.Finished.WaitAsync(TimeSpan.FromSeconds(10));

        var response = FinalResponse(request);
        Assert.Equal("success", response["status"]!.GetValue<string>());
        Assert.Equal([("success", "merged_with_generated_values", "liar")], Attempts(response));
        AssertStreamSpellsData(request, response);
    }

    [Fact]
    public async Task OnInvalidOfflineFallback_EveryProviderFails_SchemaValidFallbackMarked()
    {
        var (host, request) = await StartAsync(Workflow(
            Provider("a", more: "fault: {kind: invalid_output, after_tokens: 3}") + "\n" + Provider("b", more: "fault: {status: 503}"),
            "    on_invalid: offline_fallback"));
        await using var _ = host;

        await request.Log.Finished.WaitAsync(TimeSpan.FromSeconds(10));

        var response = FinalResponse(request);
        ContractAssert.Valid("channel-response", response);
        Assert.Equal("success", response["status"]!.GetValue<string>());
        Assert.True(response["meta"]!["offline_fallback"]!.GetValue<bool>());
        Assert.Equal([("error", "schema_validation_failed", "a"), ("error", "http_503", "b")], Attempts(response));
        AssertStreamSpellsData(request, response);
        Assert.Equal("fakeriver", Tokens(request)[^1]["provider"]!.GetValue<string>());
    }

    [Fact]
    public async Task TestMode_Workflow_SampleDataFromTestingProviderWithoutTokens()
    {
        var yaml = TestWorkflows.ChatbotSchema + """

            workflows:
              - name: wf
                structured_output: chatbot_response
                test_mode: true
                test_mode_delay_ms: 1500
            """;
        var (host, request) = await StartAsync(yaml);
        await using var _ = host;
        Assert.False(request.Log.Finished.IsCompleted);

        host.Clock.Advance(TimeSpan.FromMilliseconds(1500));
        await request.Log.Finished.WaitAsync(TimeSpan.FromSeconds(10));

        var response = FinalResponse(request);
        ContractAssert.Valid("channel-response", response);
        Assert.Equal("Testing", response["meta"]!["provider"]!.GetValue<string>());
        Assert.Equal("test-mode", response["meta"]!["model"]!.GetValue<string>());
        Assert.True(response["meta"]!["test_mode"]!.GetValue<bool>());
        Assert.Equal(0, response["meta"]!["usage"]!["total_tokens"]!.GetValue<int>());
        Assert.Empty(Tokens(request));
        Assert.Single(host.RiverService<WebhookJournal>().All());
    }
}
