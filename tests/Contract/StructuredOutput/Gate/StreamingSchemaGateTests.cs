using System.Text.Json.Nodes;
using FakeRiver.StructuredOutput;

namespace Contract.StructuredOutput.Gate;

public class StreamingSchemaGateTests
{
    private static readonly JsonObject Schema = (JsonObject)JsonNode.Parse("""
        {"type":"object","required":["mood","items"],"additionalProperties":false,"properties":{
          "mood":{"enum":["happy","sad"]},
          "note":{"type":"string"},
          "items":{"type":"array","minItems":1,"maxItems":3,"items":{"type":"integer","minimum":0}}}}
        """)!;

    private static readonly StreamingSchemaGate Gate = new(new OutputValidator());

    [Theory]
    [InlineData("""{"mood":"ha""")]
    [InlineData("""{"no""")]
    [InlineData("""{"note":"caf\u00e9 \ud83d\ude00 \"q\"","items":[0,1""")]
    [InlineData("""{"items":[1,2,3],"mood":"sad"}  """)]
    [InlineData("""{"items":[-""")]
    [InlineData("""{"items":[1.5e""")]
    public void Gate_ViablePrefix_Admitted(string prefix) =>
        Assert.True(Gate.IsViable(Schema, prefix, out var why), why);

    [Theory]
    [InlineData("""{"mood":"hx""", "cannot become one of the enum values")]
    [InlineData("""{"mood":"h\u0061ppx""", "cannot become one of the enum values")]
    [InlineData("""{"nox""", "no allowed property starts with")]
    [InlineData("""{"items":[1,2,3,4,""", "more than 3 items")]
    [InlineData("""{"items":[],""", "fewer than 1 items")]
    [InlineData("""{"items":[-1,""", "breaks the schema")]
    [InlineData("""{"mood":"sad","items":[1]}x""", "text after the JSON value")]
    [InlineData("""{"note":"\ud800x""", "high surrogate")]
    [InlineData("""{"note":"\udc00""", "low surrogate")]
    [InlineData("""{"items":[01""", "malformed JSON")]
    [InlineData("""{"items":[1,]""", "malformed JSON")]
    [InlineData("""{"mood":"sad"}""", "required property 'items' is missing")]
    [InlineData("""{"mood":trux""", "malformed JSON")]
    [InlineData("""["a""", "an array is not allowed here")]
    public void Gate_DeadPrefix_RejectedWithReason(string prefix, string reason)
    {
        Assert.False(Gate.IsViable(Schema, prefix, out var why));
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_ControlCharacterInString_Rejected() =>
        Assert.False(Gate.IsViable(Schema, "{\"note\":\"a\nb\"", out _));

    [Fact]
    public void Session_AfterViolation_StaysDead()
    {
        var session = Gate.Open(Schema);

        Assert.False(session.TryAppend("""{"x"""));
        Assert.False(session.TryAppend("""mood":"sad","items":[1]}"""));
        Assert.Contains("no allowed property", session.Violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Session_NestingDeeperThan64_Rejected()
    {
        var session = Gate.Open([]);

        Assert.False(session.TryAppend(new string('[', 65)));
        Assert.Contains("nesting deeper than 64", session.Violation, StringComparison.Ordinal);
    }
}
