using System.Text.Json.Nodes;
using FakeRiver.StructuredOutput;

namespace Contract.StructuredOutput;

public class SchemaShorthandTests
{
    [Theory]
    [InlineData("string", """{"type":"string"}""")]
    [InlineData("number", """{"type":"number"}""")]
    [InlineData("integer", """{"type":"integer"}""")]
    [InlineData("boolean", """{"type":"boolean"}""")]
    [InlineData("  string ", """{"type":"string"}""")]
    public void CompileField_Primitive_GivesTypedSchema(string shorthand, string expected) =>
        Assert.Equal(expected, SchemaShorthand.CompileField("f", shorthand).ToJsonString());

    [Theory]
    [InlineData("positive | neutral | negative")]
    [InlineData("'positive' | 'neutral' | 'negative'")]
    [InlineData("\"positive\"|neutral|'negative'")]
    public void CompileField_Enum_GivesStringEnumWithOrWithoutQuotes(string shorthand) =>
        Assert.Equal("""{"type":"string","enum":["positive","neutral","negative"]}""",
            SchemaShorthand.CompileField("sentiment", shorthand).ToJsonString());

    [Fact]
    public void CompileField_QuotedValueWithSpaces_KeepsValue() =>
        Assert.Equal("""{"type":"string","enum":["in progress","done"]}""",
            SchemaShorthand.CompileField("state", "'in progress' | done").ToJsonString());

    [Theory]
    [InlineData("array<string>", """{"type":"array","items":{"type":"string"}}""")]
    [InlineData("array<number>", """{"type":"array","items":{"type":"number"}}""")]
    [InlineData("array< array<integer> >", """{"type":"array","items":{"type":"array","items":{"type":"integer"}}}""")]
    [InlineData("array<a | b>", """{"type":"array","items":{"type":"string","enum":["a","b"]}}""")]
    public void CompileField_Array_GivesItemsSchema(string shorthand, string expected) =>
        Assert.Equal(expected, SchemaShorthand.CompileField("f", shorthand).ToJsonString());

    [Fact]
    public void CompileField_ArrayOfObjects_RequiresEveryFieldAndNoOthers()
    {
        var schema = SchemaShorthand.CompileField("action_items", "array<{task: string, priority: 'high' | 'medium' | 'low'}>");

        Assert.Equal(
            """{"type":"array","items":{"type":"object","properties":{"task":{"type":"string"},"priority":{"type":"string","enum":["high","medium","low"]}},"required":["task","priority"],"additionalProperties":false}}""",
            schema.ToJsonString());
    }

    [Fact]
    public void CompileField_NestedObjectsAndArrays_Compile()
    {
        var schema = SchemaShorthand.CompileField("plan", "{steps: array<{name: string, tags: array<string>,}>, owner: {id: integer}}");

        Assert.Equal("array", schema["properties"]!["steps"]!["type"]!.GetValue<string>());
        Assert.Equal("array", schema["properties"]!["steps"]!["items"]!["properties"]!["tags"]!["type"]!.GetValue<string>());
        Assert.Equal("integer", schema["properties"]!["owner"]!["properties"]!["id"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Compile_Mapping_GivesDraft07ObjectWithAllFieldsRequired()
    {
        var schema = SchemaShorthand.Compile(new JsonObject { ["reply"] = "string", ["meta"] = new JsonObject { ["count"] = "integer" } });

        Assert.Equal(SchemaShorthand.Draft07, schema["$schema"]!.GetValue<string>());
        Assert.Equal("""["reply","meta"]""", schema["required"]!.ToJsonString());
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        Assert.Equal("integer", schema["properties"]!["meta"]!["properties"]!["count"]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("array<{task: string", "action_items: expected '}' at position 20 in \"array<{task: string\"")]
    [InlineData("array<{task: string}", "action_items: expected '>' at position 21 in \"array<{task: string}\"")]
    [InlineData("strng", "action_items: expected string, number, integer, boolean, array<...>, {...} or an enum like 'a' | 'b' at position 1")]
    [InlineData("", "action_items: expected string, number")]
    [InlineData("array", "action_items: expected string, number")]
    [InlineData("string number", "action_items: expected end of shorthand at position 8")]
    [InlineData("a | a", "action_items: expected a value other than 'a' (duplicate enum value) at position 5")]
    [InlineData("a | array<string>", "action_items: expected an enum value")]
    [InlineData("a |", "action_items: expected string, number")]
    [InlineData("{task string}", "action_items: expected ':' at position 7")]
    [InlineData("{a: string, a: number}", "action_items: expected a field other than 'a' (duplicate field) at position 13")]
    [InlineData("'open", "action_items: expected ''' at position 6")]
    public void CompileField_BadShorthand_NamesFieldPositionAndExpectation(string shorthand, string expectedStart)
    {
        var error = Assert.Throws<SchemaShorthandException>(() => SchemaShorthand.CompileField("action_items", shorthand));

        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
        Assert.Equal("action_items", error.Field);
    }

    [Fact]
    public void Compile_BadNestedField_NamesDottedPath()
    {
        var error = Assert.Throws<SchemaShorthandException>(() =>
            SchemaShorthand.Compile(new JsonObject { ["meta"] = new JsonObject { ["count"] = "int" } }));

        Assert.StartsWith("meta.count: expected", error.Message, StringComparison.Ordinal);
    }
}
