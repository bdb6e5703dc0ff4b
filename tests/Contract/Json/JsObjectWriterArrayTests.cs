using System.Text.Json.Nodes;
using ModelRiver.Wire.Json;

namespace Contract.Json;

/// <summary>Numbers and arrays of objects printed by <see cref="JsObjectWriter"/> as JsJson prints the same JsonObject.</summary>
public sealed class JsObjectWriterArrayTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(912L)]
    [InlineData(9_007_199_254_740_993L)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void Number_AnyLongOrInt_MatchesStringifyOfTheObject(long value)
    {
        var asInt = (int)Math.Clamp(value, int.MinValue, int.MaxValue);

        var text = new JsObjectWriter().Number("l", value).Number("i", asInt).Finish();

        Assert.Equal(JsJson.Stringify(new JsonObject { ["l"] = value, ["i"] = asInt }), text);
    }

    [Fact]
    public void BeginArray_ObjectItems_MatchesStringifyOfTheObject()
    {
        var text = new JsObjectWriter()
            .BeginArray("none").EndArray()
            .BeginArray("items")
            .BeginObjectItem().String("a", "é\u2028").EndObject()
            .BeginObjectItem().EndObject()
            .BeginObjectItem().Boolean("b", true).BeginArray("inner").BeginObjectItem().Number("n", 2).EndObject().EndArray().EndObject()
            .EndArray()
            .String("after", "x")
            .Finish();

        var expected = JsJson.Stringify(new JsonObject
        {
            ["none"] = new JsonArray(),
            ["items"] = new JsonArray(
                new JsonObject { ["a"] = "é\u2028" },
                new JsonObject(),
                new JsonObject { ["b"] = true, ["inner"] = new JsonArray(new JsonObject { ["n"] = 2 }) }),
            ["after"] = "x",
        });
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Key_InsideAnArray_Throws()
    {
        var writer = new JsObjectWriter().BeginArray("items");

        Assert.Throws<InvalidOperationException>(() => writer.String("a", "b"));
    }

    [Fact]
    public void BeginObjectItem_OutsideAnArray_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new JsObjectWriter().BeginObjectItem());
    }

    [Fact]
    public void EndArray_ClosingAnObject_Throws()
    {
        var writer = new JsObjectWriter().BeginObject("o");

        Assert.Throws<InvalidOperationException>(() => writer.EndArray());
        Assert.Throws<InvalidOperationException>(() => new JsObjectWriter().BeginArray("a").EndObject());
    }

    [Fact]
    public void Finish_ArrayStillOpen_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new JsObjectWriter().BeginArray("a").Finish());
    }

    [Fact]
    public void CaptureRaw_PrintedText_AppendedAsItIsAndCaptured()
    {
        var printed = JsJson.Stringify(JsonNode.Parse("""{"a":[1,"\u2028"]}"""));

        var writer = new JsObjectWriter().Raw("first", printed).CaptureRaw("data", printed).String("after", "x");
        var text = writer.Finish();

        Assert.Equal("{\"first\":" + printed + ",\"data\":" + printed + ",\"after\":\"x\"}", text);
        Assert.Equal(printed, writer.CapturedNode);
    }
}
