using Contract.Infrastructure;

namespace Contract.Contracts;

public class ReconnectSchemaTests
{
    private const string Request = $$"""{"channel_id":"{{Samples.ChannelId}}"}""";

    private const string Response = $$"""
        {"channel_id":"{{Samples.ChannelId}}","project_id":"{{Samples.ProjectId}}","ws_token":"fresh-token",
         "websocket_url":"ws://localhost:5080/socket","websocket_channel":"ai_response:{{Samples.ProjectId}}:{{Samples.ChannelId}}"}
        """;

    [Fact]
    public void ReconnectRequest_ChannelIdOnly_IsValid() => ContractAssert.Valid("reconnect-request", Request);

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"channel_id":"abc"}""")]
    [InlineData("""{"channel_id":7}""")]
    public void ReconnectRequest_MissingOrBadChannelId_IsRejected(string json) =>
        ContractAssert.Invalid("reconnect-request", json, "$.channel_id");

    [Fact]
    public void ReconnectResponse_FreshToken_IsValid() => ContractAssert.Valid("reconnect-response", Response);

    [Theory]
    [InlineData("channel_id")]
    [InlineData("ws_token")]
    [InlineData("project_id")]
    [InlineData("websocket_url")]
    [InlineData("websocket_channel")]
    public void ReconnectResponse_MissingConnectionField_IsRejected(string field) =>
        ContractAssert.Invalid("reconnect-response", SampleEdit.Remove(Response, field), "$." + field);

    [Fact]
    public void ReconnectResponse_EmptyToken_IsRejected() =>
        ContractAssert.Invalid("reconnect-response", SampleEdit.Set(Response, "ws_token", "\"\""), "$.ws_token");
}
