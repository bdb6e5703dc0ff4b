using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRiver.Wire.Json;

namespace Contract.Json;

/// <summary>The gateway's body parser refuses, up front, what used to throw later inside a handler (a 500).</summary>
public class WellFormedJsonTests
{
    [Theory]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("{\"a\":\"x\\udc00\"}")]
    [InlineData("{\"a\":\"\\ude00\\ud83d\"}")]
    [InlineData("{\"\\ud800\":1}")]
    public void Parse_LoneSurrogateEscape_ThrowsJsonException(string text) =>
        Assert.Throws<JsonException>(() => WellFormedJson.Parse(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D })]
    [InlineData(new byte[] { 0x7B, 0x22, 0xC3, 0x22, 0x3A, 0x31, 0x7D })]
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D })]
    public void Parse_InvalidUtf8InString_ThrowsJsonException(byte[] utf8) =>
        Assert.Throws<JsonException>(() => WellFormedJson.Parse(utf8));

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"data\":{},\"\\u0064ata\":{}}")]
    [InlineData("{\"x\":[{\"r\":1,\"r\":1}]}")]
    public void Parse_DuplicateKey_ThrowsJsonException(string text) =>
        Assert.Throws<JsonException>(() => WellFormedJson.Parse(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("{\"t\":1e400}")]
    [InlineData("{\"t\":-1e999}")]
    public void Parse_NumberOutOfRange_ThrowsJsonException(string text) =>
        Assert.Throws<JsonException>(() => WellFormedJson.Parse(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Parse_NestingDeeperThanLimit_ThrowsJsonException() =>
        Assert.ThrowsAny<JsonException>(() => WellFormedJson.Parse(Encoding.UTF8.GetBytes(
            new string('[', WellFormedJson.MaxDepth + 1) + new string(']', WellFormedJson.MaxDepth + 1))));

    [Fact]
    public void Parse_ProblemDeepInside_NamesItsPath()
    {
        var error = Assert.Throws<JsonException>(() => WellFormedJson.Parse(Encoding.UTF8.GetBytes("{\"messages\":[{\"content\":\"\\ud800\"}]}")));

        Assert.Contains("$.messages[0].content", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WellFormedText_FullyBuiltTreeWithExactNumbers()
    {
        var node = WellFormedJson.Parse(Encoding.UTF8.GetBytes("{\"e\":\"\\ud83d\\ude00 é\",\"n\":1e21,\"a\":[true,null,{}]}")) as JsonObject;

        Assert.Equal("\U0001F600 é", node!["e"]!.GetValue<string>());
        Assert.Equal("{\"e\":\"\U0001F600 é\",\"n\":1e+21,\"a\":[true,null,{}]}", JsJson.Stringify(node));
    }

    [Fact]
    public void JsonTreeParse_LoneSurrogateKey_ThrowsJsonExceptionNotInvalidOperation() =>
        Assert.Throws<JsonException>(() => JsonTree.Parse("{\"\\udfff\":1}"));
}
