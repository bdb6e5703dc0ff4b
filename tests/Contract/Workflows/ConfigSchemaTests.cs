using FakeRiver.Workflows;
using NJsonSchema;
using YamlDotNet.RepresentationModel;

namespace Contract.Workflows;

/// <summary>contracts/fakeriver-config.schema.json and the loader must agree on what a workflow file is.</summary>
public class ConfigSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema
        .FromJsonAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "contracts", "fakeriver-config.schema.json")))
        .GetAwaiter().GetResult());

    [Fact]
    public void ConfigSchema_EmbeddedDefaults_Validates() =>
        Assert.Empty(Schema.Value.Validate(ToJson(WorkflowFileLoader.ReadEmbeddedDefaults())));

    [Fact]
    public void ConfigSchema_DefaultsPointAtIt_ForEditors() =>
        Assert.StartsWith("# yaml-language-server: $schema=../../../contracts/fakeriver-config.schema.json",
            WorkflowFileLoader.ReadEmbeddedDefaults(), StringComparison.Ordinal);

    [Fact]
    public void ConfigSchema_TextTokens_Validates() =>
        Assert.Empty(Schema.Value.Validate(ToJson("workflows:\n  - name: w\n    text_tokens: 50\n    providers: [{provider: p, model: m}]\n")));

    [Fact]
    public void ConfigSchema_FullValidFile_Validates() =>
        Assert.Empty(Schema.Value.Validate(ToJson(WorkflowFileLoaderTests.FullFile)));

    [Theory]
    [InlineData("workflow: []\n")]
    [InlineData("workflows:\n  - name: w\n    providers: [{provider: p, model: m, ttf_ms: 1}]\n")]
    [InlineData("workflows:\n  - name: w\n    providers: [{provider: p, model: m, ttft_ms: -1}]\n")]
    [InlineData("workflows:\n  - name: w\n    providers: [{provider: p, model: m, ttft_ms: fast}]\n")]
    [InlineData("workflows:\n  - name: w\n    providers: [{provider: p, model: m, type: anthropic}]\n")]
    [InlineData("workflows:\n  - name: w\n    providers: [{provider: p, model: m, fault: {kind: explode}}]\n")]
    [InlineData("workflows:\n  - name: w\n    providers: [{provider: p, model: m, fault: {status: 700}}]\n")]
    [InlineData("workflows:\n  - name: w\n    providers: [{provider: p, model: m, fault: {after_tokens: 1}}]\n")]
    [InlineData("workflows:\n  - name: w\n    providers: [{provider: p}]\n")]
    [InlineData("workflows:\n  - name: w\n    on_invalid: reject\n    test_mode: true\n")]
    [InlineData("workflows:\n  - event_name: e\n    test_mode: true\n")]
    [InlineData("workflows:\n  - name: w\n    providers: [{provider: p, model: m, type: openai}]\n")]
    [InlineData("workflows:\n  - name: w\n    providers: [{provider: p, model: m, base_url: \"http://x\"}]\n")]
    [InlineData("workflows:\n  - name: w\n    providers: [{provider: p, model: m, type: openai, base_url: \"localhost:1\"}]\n")]
    [InlineData("workflows:\n  - name: w\n    text_tokens: 0\n    providers: [{provider: p, model: m}]\n")]
    [InlineData("workflows:\n  - name: w\n    structured_output: {a: string}\n    text_tokens: 5\n    providers: [{provider: p, model: m}]\n")]
    public void ConfigSchema_FileTheLoaderRejects_AlsoRejected(string yaml)
    {
        Assert.Throws<WorkflowConfigException>(() => WorkflowFileLoader.Load(yaml, "bad.yaml"));
        Assert.NotEmpty(Schema.Value.Validate(ToJson(yaml)));
    }

    /// <summary>YAML to JSON text the same way the loader reads schemas (plain scalars typed by the YAML core schema).</summary>
    private static string ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return YamlJson.ToJson(stream.Documents[0].RootNode)?.ToJsonString() ?? "null";
    }
}
