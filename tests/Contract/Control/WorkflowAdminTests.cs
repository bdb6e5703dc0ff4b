using System.Net;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;

namespace Contract.Control;

public class WorkflowAdminTests
{
    private const string ThreeTokens = """
        text_tokens: 3
        providers:
          - provider: anthropic
            model: claude-test
        """;

    [Fact]
    public async Task PutWorkflow_Yaml_NextRequestRunsIt()
    {
        await using var river = ControlHost.Start();
        using var admin = river.Admin(ControlHost.KeyA);

        var put = await admin.PutAsync("/__admin/workflows/three_tokens", ControlHost.Yaml(ThreeTokens));
        var request = await river.FinishAsync(await river.StartAsync(ControlHost.KeyA, "three_tokens"));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("admin", (await ControlHost.JsonOf(put))["source"]!.GetValue<string>());
        Assert.Equal(3, request.Log.LastSeq);
        Assert.Equal("anthropic", request.Workflow.Providers[0].Provider);
    }

    [Fact]
    public async Task PutWorkflow_Json_SameFormatAsTheFile()
    {
        await using var river = ControlHost.Start();
        using var admin = river.Admin();
        var body = new JsonObject
        {
            ["name"] = "json_flow",
            ["structured_output"] = "chatbot_response",
            ["providers"] = new JsonArray(new JsonObject { ["provider"] = "openai", ["model"] = "gpt-4o-mini" }),
        };

        var put = await admin.PutAsync("/__admin/workflows/json_flow", AsyncApi.Json(body));
        var got = JsonNode.Parse(await admin.GetStringAsync("/__admin/workflows/json_flow"))!;

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("chatbot_response", got["structured_output"]!.GetValue<string>());
        Assert.Equal("gpt-4o-mini", got["providers"]![0]!["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutWorkflow_InProjectA_ProjectBDoesNotSeeIt()
    {
        await using var river = ControlHost.Start();
        using var adminA = river.Admin(ControlHost.KeyA);
        using var adminB = river.Admin(ControlHost.KeyB);
        using var clientB = river.Client(ControlHost.KeyB);

        await adminA.PutAsync("/__admin/workflows/private_flow", ControlHost.Yaml(ThreeTokens));
        var listB = JsonNode.Parse(await adminB.GetStringAsync("/__admin/workflows"))!["workflows"]!.AsArray();
        var (startB, bodyB) = await AsyncApi.PostAsync(clientB, "/v1/ai/async", AsyncApi.Json(AsyncApi.ChatBody("private_flow")));

        Assert.DoesNotContain(listB, w => w!["name"]!.GetValue<string>() == "private_flow");
        Assert.Equal(HttpStatusCode.NotFound, startB.StatusCode);
        AsyncApi.AssertEnvelope(bodyB, "model_not_found");
        await river.FinishAsync(await river.StartAsync(ControlHost.KeyA, "private_flow"));
    }

    [Fact]
    public async Task PutWorkflow_WhileARequestStreams_RunningOneFinishesOnTheOldDefinition()
    {
        await using var river = ControlHost.Start(TestWorkflows.Paced);
        using var admin = river.Admin(ControlHost.KeyA);
        var old = river.Request(await river.StartAsync(ControlHost.KeyA, "mr_chatbot_standard"));
        river.Host.Clock.Advance(TimeSpan.FromMilliseconds(300)); // past the first token: the old request is streaming
        await ControlHost.WaitForFirstTokenAsync(old.Log);

        var put = await admin.PutAsync("/__admin/workflows/mr_chatbot_standard", ControlHost.Yaml("""
            text_tokens: 2
            providers:
              - provider: replacement
                model: new-model
            """));
        var fresh = river.Request(await river.StartAsync(ControlHost.KeyA, "mr_chatbot_standard"));
        river.Host.Clock.Advance(TimeSpan.FromMinutes(1));
        await old.Log.Finished.WaitAsync(TimeSpan.FromSeconds(10));
        await fresh.Log.Finished.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("openai", old.Workflow.Providers[0].Provider);
        Assert.Equal("success", JsonNode.Parse(old.Log.LatestResponse!.PayloadUtf8.Span)!["status"]!.GetValue<string>());
        Assert.NotNull(JsonNode.Parse(old.Log.LatestResponse!.PayloadUtf8.Span)!["data"]!["reply"]);
        Assert.Equal("replacement", fresh.Workflow.Providers[0].Provider);
        Assert.Equal(2, fresh.Log.LastSeq);
    }

    [Fact]
    public async Task DeleteWorkflow_RunTimeDefinition_FileDefinitionAppliesAgain()
    {
        await using var river = ControlHost.Start();
        using var admin = river.Admin();
        await admin.PutAsync("/__admin/workflows/mr_chatbot_standard", ControlHost.Yaml(ThreeTokens));

        var deleted = await admin.DeleteAsync("/__admin/workflows/mr_chatbot_standard");
        var again = await admin.DeleteAsync("/__admin/workflows/mr_chatbot_standard");
        var got = JsonNode.Parse(await admin.GetStringAsync("/__admin/workflows/mr_chatbot_standard"))!;

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        AsyncApi.AssertEnvelope(await ControlHost.JsonOf(again), "model_not_found");
        Assert.Equal("file", got["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutWorkflow_InvalidEntry_400WithFileLoaderErrorsAndNothingApplied()
    {
        await using var river = ControlHost.Start();
        using var admin = river.Admin();

        var put = await admin.PutAsync("/__admin/workflows/broken", ControlHost.Yaml("""
            providers:
              - provider: openai
                model: gpt-4o-mini
                fault: {status: 999}
              - provider: x
            """));
        var body = await ControlHost.JsonOf(put);
        var get = await admin.GetAsync("/__admin/workflows/broken");

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        AsyncApi.AssertEnvelope(body, "invalid_workflow");
        var message = body["error"]!["message"]!.GetValue<string>();
        Assert.Contains("body:4: providers[0].fault.status: expected an HTTP status code (100-599), got \"999\"", message, StringComparison.Ordinal);
        Assert.Contains("providers[1].model: required", message, StringComparison.Ordinal);
        Assert.Equal("providers[0].fault.status", body["error"]!["param"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    public static TheoryData<string, string, HttpStatusCode, string> BadBodies() => new()
    {
        { "application/json", "{", HttpStatusCode.BadRequest, "invalid_workflow" },
        { "application/json", "[]", HttpStatusCode.BadRequest, "invalid_workflow" },
        { "application/json", "\"text\"", HttpStatusCode.BadRequest, "invalid_workflow" },
        { "application/json", "{\"providers\": 5}", HttpStatusCode.BadRequest, "invalid_workflow" },
        { "application/json", "{\"providers\": [{\"provider\": \"a\", \"model\": \"b\"}], \"providers\": []}", HttpStatusCode.BadRequest, "invalid_workflow" },
        { "application/json", "{\"name\": \"other\", \"test_mode\": true}", HttpStatusCode.BadRequest, "invalid_workflow" },
        { "application/json", "{\"test_mode\": \"yes\"}", HttpStatusCode.BadRequest, "invalid_workflow" },
        { "application/json", "{\"surprise\": 1, \"test_mode\": true}", HttpStatusCode.BadRequest, "invalid_workflow" },
        { "application/yaml", "a: [1, 2\n", HttpStatusCode.BadRequest, "invalid_workflow" },
        { "application/yaml", "--- {}\n--- {}\n", HttpStatusCode.BadRequest, "invalid_workflow" },
        { "application/yaml", "test_mode: true\nstructured_output: nope\n", HttpStatusCode.BadRequest, "invalid_workflow" },
        { "text/plain", "{\"test_mode\": true}", HttpStatusCode.UnsupportedMediaType, "unsupported_media_type" },
        { "application/json", new string('x', 300_000), HttpStatusCode.RequestEntityTooLarge, "payload_too_large" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PutWorkflow_MalformedOversizedOrWrongType_4xxEnvelopeNoWorkflow(string contentType, string body, HttpStatusCode status, string code)
    {
        await using var river = ControlHost.Start();
        using var admin = river.Admin();

        var put = await admin.PutAsync("/__admin/workflows/bad", new StringContent(body, System.Text.Encoding.UTF8, contentType));

        Assert.Equal(status, put.StatusCode);
        AsyncApi.AssertEnvelope(await ControlHost.JsonOf(put), code);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/__admin/workflows/bad")).StatusCode);
    }

    [Fact]
    public async Task PutWorkflow_InvalidUtf8_400Envelope()
    {
        await using var river = ControlHost.Start();
        using var admin = river.Admin();
        var content = new ByteArrayContent([(byte)'{', 0xC3, 0x28, (byte)'}']);
        content.Headers.ContentType = new("application/json");

        var put = await admin.PutAsync("/__admin/workflows/bad", content);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        AsyncApi.AssertEnvelope(await ControlHost.JsonOf(put), "invalid_body");
    }

    [Fact]
    public async Task PutWorkflow_BadName_400Envelope()
    {
        await using var river = ControlHost.Start();
        using var admin = river.Admin();

        var put = await admin.PutAsync($"/__admin/workflows/{new string('n', 200)}", ControlHost.Yaml("test_mode: true"));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        AsyncApi.AssertEnvelope(await ControlHost.JsonOf(put), "invalid_name");
    }
}
