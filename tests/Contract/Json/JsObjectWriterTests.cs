using System.Text.Json.Nodes;
using ModelRiver.Wire.Json;

namespace Contract.Json;

public class JsObjectWriterTests
{
    [Fact]
    public void Finish_SameProperties_MatchesStringifyOfTheObject()
    {
        var node = JsonNode.Parse("""{"z":[1,2.5,"\u2028"],"3":"x","a":{"1":0,"b":1}}""");
        var writer = new JsObjectWriter().String("s", "é\"").Boolean("t", false).String("n", null)
            .BeginObject("inner").CaptureNode("v", node).EndObject().Node("empty", null);

        var text = writer.Finish();

        var expected = JsJson.Stringify(new JsonObject
        {
            ["s"] = "é\"",
            ["t"] = false,
            ["n"] = null,
            ["inner"] = new JsonObject { ["v"] = node!.DeepClone() },
            ["empty"] = null,
        });
        Assert.Equal(expected, text);
        Assert.Equal(JsJson.Stringify(node), writer.CapturedNode);
    }

    [Fact]
    public void String_ArrayIndexKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new JsObjectWriter().String("7", "x"));
    }

    [Fact]
    public void Stringify_WithCapturedKey_SliceEqualsTheValuePrintedAlone()
    {
        var obj = (JsonObject)JsonNode.Parse("""{"type":"t","data":{"2":1,"a":[true,null]},"meta":{}}""")!;

        var text = JsJson.Stringify(obj, "data", out var data);

        Assert.Equal(JsJson.Stringify(obj), text);
        Assert.Equal(JsJson.Stringify(obj["data"]), data);
        JsJson.Stringify(new JsonObject { ["x"] = 1 }, "data", out var missing);
        Assert.Equal("null", missing);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(-12)]
    [InlineData(9007199254740991)]
    [InlineData(9007199254740993)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Stringify_IntegerNodes_PrintAsTheirParsedText(long value)
    {
        // Built in code (JsonValue of long / int) must print as the same number parsed from its text does.
        var built = JsJson.Stringify(new JsonObject { ["n"] = value, ["i"] = (int)Math.Clamp(value, int.MinValue, int.MaxValue) });
        var parsed = JsJson.Normalize($$"""{"n":{{value}},"i":{{Math.Clamp(value, int.MinValue, int.MaxValue)}}}""");
        Assert.Equal(parsed, built);
    }
}
