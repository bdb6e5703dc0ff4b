using Contract.Infrastructure;

namespace Contract.Contracts;

public class PhoenixFrameSchemaTests
{
    private const string Schema = "phoenix-frame-v2";
    private const string Topic = "ai_response:" + Samples.ProjectId + ":" + Samples.ChannelId;

    // docs/wire-contract.md 4.3.
    [Theory]
    [InlineData("""["3","3",""" + "\"" + Topic + "\"" + ""","phx_join",{}]""")]
    [InlineData("""["3","3",""" + "\"" + Topic + "\"" + ""","phx_reply",{"status":"ok","response":{}}]""")]
    [InlineData("""[null,"7","phoenix","heartbeat",{}]""")]
    [InlineData("""[null,null,""" + "\"" + Topic + "\"" + ""","response",{"status":"success"}]""")]
    public void PhoenixFrame_ReferenceFrame_IsValid(string frame) => ContractAssert.Valid(Schema, frame);

    [Theory]
    [InlineData("""["3","3","t","phx_join"]""", "$")]
    [InlineData("""["3","3","t","phx_join",{},"x"]""", "$")]
    [InlineData("""[3,"3","t","phx_join",{}]""", "$[0]")]
    [InlineData("""["3",3,"t","phx_join",{}]""", "$[1]")]
    [InlineData("""["3","3","","phx_join",{}]""", "$[2]")]
    [InlineData("""["3","3","t",null,{}]""", "$[3]")]
    [InlineData("""["3","3","t","response","text"]""", "$[4]")]
    [InlineData("""{"topic":"t","event":"phx_join","payload":{},"ref":"1"}""", "$")]
    public void PhoenixFrame_Malformed_IsRejected(string frame, string expectedPath) =>
        ContractAssert.Invalid(Schema, frame, expectedPath);
}
