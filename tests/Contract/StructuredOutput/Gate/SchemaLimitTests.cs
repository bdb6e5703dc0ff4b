using System.Net;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using FakeRiver.Requests;
using FakeRiver.StructuredOutput;
using FakeRiver.Workflows;

namespace Contract.StructuredOutput.Gate;

public class SchemaLimitTests
{
    public static TheoryData<string, string> OverLimit => new()
    {
        { """{"type":"object","properties":{"xs":{"type":"array","minItems":4000,"items":{"type":"string"}}}}""", "MaxItems" },
        { """{"type":"object","properties":{"xs":{"type":"array","maxItems":1000000}}}""", "MaxItems" },
        { """{"type":"object","properties":{"s":{"type":"string","minLength":1000000000}}}""", "MaxLength" },
        { """{"type":"object","minProperties":5000}""", "MaxProperties" },
        { Nested(40), "MaxDepth" },
        { """{"type":"object","properties":{"pad":{"type":"string","description":"PAD"}}}""".Replace("PAD", new string('x', 70_000), StringComparison.Ordinal), "MaxBytes" },
        { """{"type":"array","maxItems":1000,"items":{"type":"array","maxItems":1000,"items":{"type":"array","maxItems":10,"items":{"type":"integer"}}}}""", "MaxGeneratedSize" },
        { """{"type":"array","maxItems":1000,"items":{"type":"string","minLength":5000}}""", "MaxGeneratedSize" },
        { """{"definitions":{"n":{"type":"array","minItems":2,"items":{"$ref":"#/definitions/n"}}},"$ref":"#/definitions/n"}""", "MaxGeneratedSize" },
    };

    [Theory]
    [MemberData(nameof(OverLimit))]
    public void Check_SchemaOverLimit_NamesIt(string schema, string limit) =>
        Assert.Equal(limit, SchemaLimits.Check((JsonObject)JsonNode.Parse(schema)!)?.Limit);

    [Fact]
    public void Check_EmbeddedAndTestSchemas_WithinLimits()
    {
        foreach (var (_, schema) in WorkflowFileLoader.LoadEmbeddedDefaults().StructuredOutputs) Assert.Null(SchemaLimits.Check(schema));
        foreach (var (_, text) in GeneratorSchemas.Json) Assert.Null(SchemaLimits.Check((JsonObject)JsonNode.Parse(text)!));
        Assert.Null(SchemaLimits.Check((JsonObject)JsonNode.Parse("""{"type":"array","minItems":1000,"maxItems":1000,"items":{"type":"string","maxLength":10000}}""")!));
    }

    [Theory]
    [InlineData("structured_output_schema")]
    [InlineData("response_format")]
    public async Task AsyncRequest_AdHocSchemaOverLimit_400NamingLimitAndNothingRegistered(string field)
    {
        await using var host = HarnessHost.StartRiverOnly();
        var schema = JsonNode.Parse("""{"type":"object","properties":{"xs":{"type":"array","minItems":4000}}}""")!;
        var body = new JsonObject
        {
            ["provider"] = "openai",
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hi" }),
            [field] = field == "response_format" ? new JsonObject { ["type"] = "json_schema", ["json_schema"] = new JsonObject { ["schema"] = schema } } : schema,
        };
        using var client = host.RiverClient();

        var (response, error) = await AsyncApi.PostAsync(client, "/v1/ai/async", AsyncApi.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AsyncApi.AssertEnvelope(error, "schema_limit_exceeded");
        Assert.Equal(field, error["error"]!["param"]!.GetValue<string>());
        Assert.Contains("MaxItems", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("minItems 4000", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(host.RiverService<RequestRegistry>().All());
    }

    [Fact]
    public void WorkflowFile_SchemaOverLimit_LoadFailsNamingLimit()
    {
        const string yaml = """
            structured_outputs:
              big:
                type: object
                properties:
                  xs: {type: array, minItems: 4000, items: {type: string}}
            workflows:
              - name: wf
                structured_output: big
                providers: [{provider: openai, model: gpt-4o}]
            """;

        var error = Assert.Throws<WorkflowConfigException>(() => WorkflowFileLoader.Load(yaml, "big.yaml"));

        Assert.Contains("MaxItems", error.Message, StringComparison.Ordinal);
        Assert.Contains("structured_outputs.big", error.Message, StringComparison.Ordinal);
    }

    private static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("""{"type":"array","items":""", depth)) + "{}" + new string('}', depth);
}
