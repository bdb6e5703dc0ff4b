using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRiver.Wire.Json;

namespace Contract.Json;

/// <summary>Expected texts were printed by Node 20: <c>JSON.stringify(JSON.parse(input))</c>.</summary>
public class JsJsonTests
{
    [Theory]
    [InlineData("1e21", "1e+21")]
    [InlineData("-1e21", "-1e+21")]
    [InlineData("2e20", "200000000000000000000")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("1e-6", "0.000001")]
    [InlineData("0.000001234", "0.000001234")]
    [InlineData("123e-20", "1.23e-18")]
    [InlineData("123456789012345678", "123456789012345680")]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("0.1", "0.1")]
    [InlineData("1.5", "1.5")]
    [InlineData("1.0", "1")]
    [InlineData("100", "100")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("1e400", "null")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    public void Normalize_Number_PrintsEcmaScriptNumberToString(string input, string expected) =>
        Assert.Equal(expected, JsJson.Normalize(input));

    [Theory]
    [InlineData("\"\\u001f\\u007f\\u2028\\u2029\\u00a0\"", "\"\\u001f\u007f\u2028\u2029\u00a0\"")]
    [InlineData("\"\\ud83d\\ude00\"", "\"\U0001F600\"")]
    [InlineData("\"\\ud83d\"", "\"\\ud83d\"")]
    [InlineData("\"\\udc00\\ud83d\\ude00\"", "\"\\udc00\U0001F600\"")]
    [InlineData("\"\\b\\t\\n\\f\\r\\u0001\\\"\\\\\\/\"", "\"\\b\\t\\n\\f\\r\\u0001\\\"\\\\/\"")]
    [InlineData("\"h\u00e9llo \u4e16\u754c\"", "\"h\u00e9llo \u4e16\u754c\"")]
    public void Normalize_String_EscapesOnlyWhatJavaScriptEscapes(string input, string expected) =>
        Assert.Equal(expected, JsJson.Normalize(input));

    [Fact]
    public void Normalize_IntegerLikeKeys_OrderedLikeJavaScriptObjects() =>
        Assert.Equal(
            """{"1":3,"2":2,"4294967294":6,"b":7,"01":4,"4294967295":5}""",
            JsJson.Normalize("""{"b":1,"2":2,"1":3,"01":4,"4294967295":5,"4294967294":6,"b":7}"""));

    [Fact]
    public void Normalize_LoneSurrogateKey_KeptEscaped() =>
        Assert.Equal("{\"\\ud800x\":1}", JsJson.Normalize("{\"\\ud800x\":1}"));

    [Fact]
    public void Stringify_ParsedNode_MatchesNormalize()
    {
        const string text = """{ "a" : "\ud83d", "b" : [1e21, true, false, null, {"c": "\u2028"}], "d": {} , "e": [] }""";
        Assert.Equal(JsJson.Normalize(text), JsJson.Stringify(JsonNode.Parse(text)));
        Assert.Equal("{\"a\":\"\\ud83d\",\"b\":[1e+21,true,false,null,{\"c\":\"\u2028\"}],\"d\":{},\"e\":[]}", JsJson.Normalize(text));
    }

    [Fact]
    public void Stringify_BuiltNode_PrintsClrValuesLikeJavaScript()
    {
        var node = new JsonObject
        {
            ["int"] = 42,
            ["long"] = 123456789012345678L,
            ["double"] = 0.1,
            ["negZero"] = -0.0,
            ["big"] = 1e21,
            ["nan"] = double.NaN,
            ["decimal"] = 1.50m,
            ["float"] = 0.1f,
            ["bool"] = true,
            ["lone"] = "\ud83d",
            ["emoji"] = "\U0001F600",
            ["null"] = null,
        };
        Assert.Equal(
            "{\"int\":42,\"long\":123456789012345680,\"double\":0.1,\"negZero\":0,\"big\":1e+21,\"nan\":null,"
            + "\"decimal\":1.5,\"float\":0.1,\"bool\":true,\"lone\":\"\\ud83d\",\"emoji\":\"\U0001F600\",\"null\":null}",
            JsJson.Stringify(node));
    }

    [Fact]
    public void Stringify_NullNode_PrintsNull() => Assert.Equal("null", JsJson.Stringify((JsonNode?)null));

    [Fact]
    public void Stringify_Element_MatchesNode()
    {
        using var document = JsonDocument.Parse("""{"x":[0.5,"\u00e9"]}""");
        Assert.Equal("{\"x\":[0.5,\"\u00e9\"]}", JsJson.Stringify(document.RootElement));
    }
}
