using System.Net;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using FakeRiver.Requests;
using FakeRiver.Usage;
using FakeRiver.Webhooks;
using static Contract.Pipeline.FailoverHarness;

namespace Contract.Sync;

/// <summary>POST /v1/ai: the same auth, validation and pipeline as the async path, answered in the response.</summary>
public class SyncEndpointTests
{
    [Theory]
    [InlineData("/v1/ai")]
    [InlineData("/api/v1/ai")]
    public async Task SyncRequest_DefaultFormat_RawProviderBodyWithModelRiverHeaders(string path)
    {
        await using var host = HarnessHost.StartRiverOnly();
        var body = SyncApi.Body();
        body["user_id"] = "u-7";

        var (response, answer) = await SyncApi.PostAsync(host, body, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ContractAssert.Valid("sync-raw-response", answer);
        Assert.Equal("openai", SyncApi.Header(response, "X-ModelRiver-Provider"));
        Assert.Equal("gpt-4o-mini", SyncApi.Header(response, "X-ModelRiver-Model"));
        Assert.Equal("mr_chatbot_standard", SyncApi.Header(response, "X-ModelRiver-Workflow"));
        Assert.Equal("0", SyncApi.Header(response, "X-ModelRiver-Duration-Ms"));
        Assert.Equal("1", SyncApi.Header(response, "X-ModelRiver-Attempts"));
        Assert.Equal("false", SyncApi.Header(response, "X-ModelRiver-Offline-Fallback"));
        Assert.Equal("""{"user_id":"u-7"}""", SyncApi.Header(response, "X-ModelRiver-Cached-Data"));
        var content = answer["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        Assert.IsType<JsonObject>(JsonNode.Parse(content));
        Assert.Equal(TokenCounter.Count(content), answer["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task SyncRequest_Wrapped_DataCustomerDataAndMetaWithAttempts()
    {
        await using var host = HarnessHost.StartRiverOnly();
        var body = SyncApi.Body(format: "wrapped");
        body["task_id"] = "t-1";

        var (response, answer) = await SyncApi.PostAsync(host, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ContractAssert.Valid("sync-wrapped-response", answer);
        Assert.IsType<JsonObject>(answer["data"]);
        Assert.Equal("t-1", answer["customer_data"]!["task_id"]!.GetValue<string>());
        var meta = answer["meta"]!;
        Assert.Equal("success", meta["status"]!.GetValue<string>());
        Assert.Equal(200, meta["http_status"]!.GetValue<int>());
        Assert.Equal("openai", meta["requested_provider"]!.GetValue<string>());
        Assert.Equal("openai", meta["used_provider"]!.GetValue<string>());
        Assert.True(meta["structured_output"]!.GetValue<bool>());
        Assert.Single(meta["attempts"]!.AsArray());
        Assert.Equal("(missing)", SyncApi.Header(response, "X-ModelRiver-Provider"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrapped")]
    public async Task SyncRequest_AllProvidersFail_Http200WithDataNullAndMetaHttpStatus502(string? format)
    {
        await using var host = HarnessHost.Start(new HarnessOptions
        {
            WithBackend = false,
            WorkflowYaml = Workflow(Provider("primary", more: "fault: {status: 500}") + "\n" + Provider("backup", more: "fault: {status: 503}")),
        });

        var (response, answer) = await SyncApi.PostAsync(host, SyncApi.Body("wf", format));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ContractAssert.Valid("sync-wrapped-response", answer);
        Assert.Null(answer["data"]);
        Assert.Equal("All providers failed", answer["error"]!["message"]!.GetValue<string>());
        Assert.Contains("primary/m: http_500", answer["error"]!["details"]!.GetValue<string>());
        Assert.Equal("error", answer["meta"]!["status"]!.GetValue<string>());
        Assert.Equal(502, answer["meta"]!["http_status"]!.GetValue<int>());
        Assert.Equal(2, answer["meta"]!["attempts"]!.AsArray().Count);
    }

    [Fact]
    public async Task SyncRequest_FailoverWrapped_ListsBackupsAndBothAttempts()
    {
        await using var host = HarnessHost.Start(new HarnessOptions
        {
            WithBackend = false,
            WorkflowYaml = Workflow(Provider("primary", more: "fault: {status: 503}") + "\n" + Provider("backup", model: "b")),
        });

        var (_, answer) = await SyncApi.PostAsync(host, SyncApi.Body("wf", "wrapped"));

        ContractAssert.Valid("sync-wrapped-response", answer);
        Assert.Equal("backup", answer["meta"]!["used_provider"]!.GetValue<string>());
        Assert.Equal("primary", answer["meta"]!["requested_provider"]!.GetValue<string>());
        var backup = Assert.Single(answer["backups"]!.AsArray());
        Assert.Equal(1, backup!["position"]!.GetValue<int>());
        Assert.Equal("backup", backup["provider"]!.GetValue<string>());
    }

    [Fact]
    public async Task SyncRequest_EventDrivenWorkflow_400ModelNotSupported()
    {
        await using var host = HarnessHost.StartRiverOnly();

        var (response, answer) = await SyncApi.PostAsync(host, SyncApi.Body("mr_chatbot_workflow"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AsyncApi.AssertEnvelope(answer, "model_not_supported");
    }

    [Fact]
    public async Task SyncRequest_EventsInBody_400ModelNotSupported()
    {
        await using var host = HarnessHost.StartRiverOnly();
        var body = SyncApi.Body();
        body["events"] = new JsonArray("webhook_received");

        var (response, answer) = await SyncApi.PostAsync(host, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AsyncApi.AssertEnvelope(answer, "model_not_supported");
    }

    [Theory]
    [InlineData("""{"workflow":"mr_chatbot_standard","messages":[{"role":"user","content":"hi"}],"format":"xml"}""", 400, "invalid_value")]
    [InlineData("""{"workflow":"mr_chatbot_standard","messages":[{"role":"user","content":"hi"}],"format":1}""", 400, "invalid_value")]
    [InlineData("""{"workflow":"mr_chatbot_standard"}""", 400, "missing_field")]
    [InlineData("""{"workflow":"nope","messages":[{"role":"user","content":"hi"}]}""", 404, "model_not_found")]
    [InlineData("""[1]""", 400, null)]
    public async Task SyncRequest_BadBody_4xxEnvelope(string json, int status, string? code)
    {
        await using var host = HarnessHost.StartRiverOnly();
        using var client = host.RiverClient();

        var (response, answer) = await AsyncApi.PostAsync(client, "/v1/ai", AsyncApi.Json(json));

        Assert.Equal(status, (int)response.StatusCode);
        ContractAssert.Valid("error-envelope", answer);
        if (code is not null) AsyncApi.AssertEnvelope(answer, code);
    }

    [Fact]
    public async Task SyncRequest_NoKey_401Envelope()
    {
        await using var host = HarnessHost.StartRiverOnly();
        using var client = host.RiverClient(authorized: false);

        var (response, answer) = await AsyncApi.PostAsync(client, "/v1/ai", AsyncApi.Json(SyncApi.Body()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AsyncApi.AssertEnvelope(answer, "invalid_api_key");
    }

    [Fact]
    public async Task SyncRequest_Answered_NoChannelAndNoWebhook()
    {
        await using var host = HarnessHost.StartRiverOnly();

        await SyncApi.PostAsync(host, SyncApi.Body());

        Assert.Empty(host.RiverService<RequestRegistry>().All());
        Assert.Empty(host.RiverService<WebhookJournal>().All());
    }
}
