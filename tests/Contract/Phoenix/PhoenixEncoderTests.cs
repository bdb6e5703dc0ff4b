using System.Text;
using FakeRiver.Phoenix;

namespace Contract.Phoenix;

public class PhoenixEncoderTests
{
    private static string Encode(PhoenixFrame frame, PhoenixVersion version) =>
        Encoding.UTF8.GetString(PhoenixEncoder.Encode(frame, version));

    [Fact]
    public void Encode_V2Push_SplicesPayloadBytesUnchanged()
    {
        var payload = """{"channel_id":"c","seq":1,"delta":"héllo 😀","attempt":1}"""u8.ToArray();

        var text = Encode(new PhoenixFrame("3", null, "ai_response:p:c", "tokens", payload), PhoenixVersion.V2);

        Assert.Equal("""["3",null,"ai_response:p:c","tokens",{"channel_id":"c","seq":1,"delta":"héllo 😀","attempt":1}]""", text);
    }

    [Fact]
    public void Encode_V2Reply_MatchesPhoenixWireExample()
    {
        var text = Encode(new PhoenixFrame(null, "7", "phoenix", "phx_reply", PhoenixPayloads.OkEmpty), PhoenixVersion.V2);

        Assert.Equal("""[null,"7","phoenix","phx_reply",{"status":"ok","response":{}}]""", text);
    }

    [Fact]
    public void Encode_V1_ObjectWithoutJoinRef()
    {
        var text = Encode(new PhoenixFrame("3", "4", "t", "phx_reply", PhoenixPayloads.ErrorReason("unmatched topic")), PhoenixVersion.V1);

        Assert.Equal("""{"topic":"t","event":"phx_reply","payload":{"status":"error","response":{"reason":"unmatched topic"}},"ref":"4"}""", text);
    }

    [Fact]
    public void Encode_QuotesInStrings_Escaped()
    {
        var text = Encode(new PhoenixFrame("a\"b", "\\", "t\n", "e", PhoenixPayloads.Empty), PhoenixVersion.V2);

        Assert.Equal("""["a\"b","\\","t\n","e",{}]""", text);
    }

    [Theory]
    [InlineData(PhoenixVersion.V1)]
    [InlineData(PhoenixVersion.V2)]
    public void Encode_ThenDecode_RoundTrips(PhoenixVersion version)
    {
        var frame = new PhoenixFrame("1", "2", "ai_response:p:c", "response", """{"status":"success","data":{"x":[1,2]}}"""u8.ToArray());

        var decoded = PhoenixDecoder.Decode(PhoenixEncoder.Encode(frame, version), version).Frame!;

        Assert.Equal(version == PhoenixVersion.V2 ? "1" : null, decoded.JoinRef);
        Assert.Equal((frame.Ref, frame.Topic, frame.Event), (decoded.Ref, decoded.Topic, decoded.Event));
        Assert.True(frame.Payload.Span.SequenceEqual(decoded.Payload.Span));
    }
}
