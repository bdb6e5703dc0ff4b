using System.Text.Json.Nodes;
using FakeRiver.StructuredOutput;

namespace Contract.StructuredOutput;

public class OutputValidatorTests
{
    private static readonly JsonObject Schema = SchemaShorthand.Compile(new JsonObject
    {
        ["reply"] = "string",
        ["confidence"] = "number",
        ["action_items"] = "array<{task: string, priority: 'high' | 'medium' | 'low'}>",
    });

    private readonly OutputValidator _validator = new();

    [Fact]
    public void Validate_ValidOutput_NoErrors()
    {
        var output = JsonNode.Parse("""{"reply":"hi","confidence":0.5,"action_items":[{"task":"x","priority":"low"}]}""");

        Assert.Empty(_validator.Validate(output, Schema));
    }

    [Fact]
    public void Validate_MissingRequired_ReportsPathOfMissingProperty()
    {
        var output = JsonNode.Parse("""{"reply":"hi","action_items":[]}""");

        var error = Assert.Single(_validator.Validate(output, Schema));
        Assert.Equal("$.confidence", error.Path);
        Assert.Equal("PropertyRequired (confidence)", error.Message);
    }

    [Fact]
    public void Validate_BadNestedEnum_ReportsJsonPath()
    {
        var output = JsonNode.Parse("""{"reply":"hi","confidence":1,"action_items":[{"task":"x","priority":"urgent"}]}""");

        var error = Assert.Single(_validator.Validate(output, Schema));
        Assert.Equal("$.action_items[0].priority", error.Path);
        Assert.Contains("NotInEnumeration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WrongTypeAndExtraProperty_ReportsBoth()
    {
        var output = JsonNode.Parse("""{"reply":7,"confidence":1,"action_items":[],"extra":true}""");

        var errors = _validator.Validate(output, Schema);
        Assert.Contains(errors, e => e.Path == "$.reply" && e.Message.Contains("StringExpected", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("NoAdditionalPropertiesAllowed", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NullOutput_IsAnError() =>
        Assert.NotEmpty(_validator.Validate(null, Schema));

    [Fact]
    public void Parse_SameSchemaTwice_IsCached() =>
        Assert.Same(_validator.Parse(Schema), _validator.Parse((JsonObject)Schema.DeepClone()));
}
