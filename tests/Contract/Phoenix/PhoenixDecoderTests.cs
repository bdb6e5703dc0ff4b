using System.Text;
using FakeRiver.Phoenix;

namespace Contract.Phoenix;

public class PhoenixDecoderTests
{
    private static PhoenixDecodeResult Decode(string text, PhoenixVersion version = PhoenixVersion.V2, int max = PhoenixDecoder.DefaultMaxBytes) =>
        PhoenixDecoder.Decode(Encoding.UTF8.GetBytes(text), version, max);

    [Fact]
    public void Decode_V2Join_ReturnsAllFields()
    {
        var result = Decode("""["3","4","ai_response:p:c","phx_join",{"last_seq":2}]""");

        Assert.True(result.IsSuccess);
        var frame = result.Frame!;
        Assert.Equal(("3", "4", "ai_response:p:c", "phx_join"), (frame.JoinRef, frame.Ref, frame.Topic, frame.Event));
        Assert.Equal("""{"last_seq":2}""", Encoding.UTF8.GetString(frame.Payload.Span));
    }

    [Fact]
    public void Decode_V2NullRefsAndWhitespace_ReturnsNullRefs()
    {
        var result = Decode(""" [ null , "7" , "phoenix" , "heartbeat" , { } ] """);

        Assert.True(result.IsSuccess);
        Assert.Null(result.Frame!.JoinRef);
        Assert.Equal("7", result.Frame.Ref);
        Assert.Equal("{ }", Encoding.UTF8.GetString(result.Frame.Payload.Span));
    }

    [Fact]
    public void Decode_V1ObjectAnyOrderUnknownMembers_ReturnsFrame()
    {
        var result = Decode("""{"payload":{"a":[1,{"b":2}]},"x":[1,2],"ref":"5","event":"phx_join","topic":"t","join_ref":"5"}""", PhoenixVersion.V1);

        Assert.True(result.IsSuccess);
        var frame = result.Frame!;
        Assert.Equal(("5", "5", "t", "phx_join"), (frame.JoinRef, frame.Ref, frame.Topic, frame.Event));
        Assert.Equal("""{"a":[1,{"b":2}]}""", Encoding.UTF8.GetString(frame.Payload.Span));
    }

    [Fact]
    public void Decode_V1WithoutRefs_ReturnsNullRefs()
    {
        var result = Decode("""{"topic":"phoenix","event":"heartbeat","payload":{}}""", PhoenixVersion.V1);

        Assert.True(result.IsSuccess);
        Assert.Null(result.Frame!.Ref);
        Assert.Null(result.Frame.JoinRef);
    }

    [Fact]
    public void Decode_V1NumericRef_KeepsDigitsAsText()
    {
        var result = Decode("""{"topic":"phoenix","event":"heartbeat","payload":{},"ref":12}""", PhoenixVersion.V1);

        Assert.Equal("12", result.Frame!.Ref);
    }

    [Theory]
    [InlineData("", PhoenixDecodeError.MalformedJson)]
    [InlineData("   ", PhoenixDecodeError.MalformedJson)]
    [InlineData("[\"1\",\"1\",\"t\",\"e\",{}", PhoenixDecodeError.MalformedJson)]
    [InlineData("[\"1\",\"1\",\"t\",\"e\",{}]]", PhoenixDecodeError.MalformedJson)]
    [InlineData("[\"1\",\"1\",\"t\",\"e\",{}] x", PhoenixDecodeError.MalformedJson)]
    [InlineData("[\"1\",\"1\",\"t\",\"e\",{}][]", PhoenixDecodeError.MalformedJson)]
    [InlineData("[\"1\",\"1\",\"t\",\"e\",{'a':1}]", PhoenixDecodeError.MalformedJson)]
    [InlineData("not json", PhoenixDecodeError.MalformedJson)]
    [InlineData("[]", PhoenixDecodeError.WrongShape)]
    [InlineData("[\"1\",\"1\",\"t\",\"e\"]", PhoenixDecodeError.WrongShape)]
    [InlineData("[\"1\",\"1\",\"t\",\"e\",{},{}]", PhoenixDecodeError.WrongShape)]
    [InlineData("[1,\"1\",\"t\",\"e\",{}]", PhoenixDecodeError.WrongShape)]
    [InlineData("[\"1\",true,\"t\",\"e\",{}]", PhoenixDecodeError.WrongShape)]
    [InlineData("[\"1\",\"1\",null,\"e\",{}]", PhoenixDecodeError.WrongShape)]
    [InlineData("[\"1\",\"1\",\"t\",5,{}]", PhoenixDecodeError.WrongShape)]
    [InlineData("[\"1\",\"1\",[\"t\"],\"e\",{}]", PhoenixDecodeError.WrongShape)]
    [InlineData("{\"topic\":\"t\",\"event\":\"e\",\"payload\":{}}", PhoenixDecodeError.WrongShape)]
    [InlineData("\"just a string\"", PhoenixDecodeError.WrongShape)]
    [InlineData("42", PhoenixDecodeError.WrongShape)]
    [InlineData("null", PhoenixDecodeError.WrongShape)]
    [InlineData("[\"1\",\"1\",\"t\",\"e\",[]]", PhoenixDecodeError.PayloadNotObject)]
    [InlineData("[\"1\",\"1\",\"t\",\"e\",\"{}\"]", PhoenixDecodeError.PayloadNotObject)]
    [InlineData("[\"1\",\"1\",\"t\",\"e\",null]", PhoenixDecodeError.PayloadNotObject)]
    public void Decode_HostileV2_ReturnsError(string text, PhoenixDecodeError expected)
    {
        var result = Decode(text);

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Error);
    }

    [Theory]
    [InlineData("[\"1\",\"1\",\"t\",\"e\",{}]", PhoenixDecodeError.WrongShape)]
    [InlineData("{\"event\":\"e\",\"payload\":{}}", PhoenixDecodeError.WrongShape)]
    [InlineData("{\"topic\":\"t\",\"payload\":{}}", PhoenixDecodeError.WrongShape)]
    [InlineData("{\"topic\":\"t\",\"event\":\"e\"}", PhoenixDecodeError.WrongShape)]
    [InlineData("{\"topic\":1,\"event\":\"e\",\"payload\":{}}", PhoenixDecodeError.WrongShape)]
    [InlineData("{\"topic\":\"t\",\"event\":\"e\",\"payload\":{},\"ref\":{}}", PhoenixDecodeError.WrongShape)]
    [InlineData("{\"topic\":\"t\",\"event\":\"e\",\"payload\":[1]}", PhoenixDecodeError.PayloadNotObject)]
    [InlineData("{\"topic\":\"t\",\"event\":\"e\",\"payload\":{}", PhoenixDecodeError.MalformedJson)]
    public void Decode_HostileV1_ReturnsError(string text, PhoenixDecodeError expected)
    {
        var result = Decode(text, PhoenixVersion.V1);

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public void Decode_LongerThanMax_TooLarge()
    {
        var text = $$"""["1","1","t","e",{"pad":"{{new string('x', 200)}}"}]""";

        Assert.Equal(PhoenixDecodeError.TooLarge, Decode(text, max: text.Length - 1).Error);
        Assert.True(Decode(text, max: text.Length).IsSuccess);
    }

    [Fact]
    public void Decode_DefaultMaxOneMebibyte_RejectsBiggerFrame()
    {
        var text = $$"""["1","1","t","e",{"pad":"{{new string('x', PhoenixDecoder.DefaultMaxBytes)}}"}]""";

        Assert.Equal(PhoenixDecodeError.TooLarge, Decode(text).Error);
    }

    [Fact]
    public void Decode_DeeplyNestedPayload_MalformedNotStackOverflow()
    {
        var text = $"[\"1\",\"1\",\"t\",\"e\",{new string('[', 10_000)}";
        var nestedObject = $"[\"1\",\"1\",\"t\",\"e\",{string.Concat(Enumerable.Repeat("{\"a\":", 500))}1{new string('}', 500)}]";

        Assert.False(Decode(text).IsSuccess);
        Assert.Equal(PhoenixDecodeError.MalformedJson, Decode(nestedObject).Error);
    }

    [Fact]
    public void Decode_InvalidUtf8InTopic_Malformed()
    {
        byte[] bytes = [.. "[\"1\",\"1\",\""u8, 0xC3, 0x28, .. "\",\"e\",{}]"u8];

        var result = PhoenixDecoder.Decode(bytes, PhoenixVersion.V2);

        Assert.Equal(PhoenixDecodeError.MalformedJson, result.Error);
    }

    [Fact]
    public void Decode_EscapedAndUnicodeStrings_Unescaped()
    {
        var result = Decode("""["1","1","ai_response:\u0041\"é","e",{"t":"😀"}]""");

        Assert.Equal("ai_response:A\"é", result.Frame!.Topic);
        Assert.Equal("""{"t":"😀"}""", Encoding.UTF8.GetString(result.Frame.Payload.Span));
    }
}
