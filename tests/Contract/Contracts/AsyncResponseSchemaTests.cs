using Contract.Infrastructure;

namespace Contract.Contracts;

public class AsyncResponseSchemaTests
{
    private const string Schema = "async-response";

    private const string Sample = $$"""
        {"message":"success","status":"pending","channel_id":"{{Samples.ChannelId}}","project_id":"{{Samples.ProjectId}}",
         "ws_token":"opaque-one-time-token","websocket_url":"ws://127.0.0.1:5080/socket",
         "websocket_channel":"ai_response:{{Samples.ProjectId}}:{{Samples.ChannelId}}",
         "customer_data":{"user_id":"u-1"},"test_mode":true}
        """;

    [Fact]
    public void AsyncResponse_FakeRiverAnswer_IsValid() => ContractAssert.Valid(Schema, Sample);

    [Fact]
    public void AsyncResponse_SecureSocketWithoutTestMode_IsValid() =>
        ContractAssert.Valid(Schema, SampleEdit.Set(SampleEdit.Remove(Sample, "test_mode"), "websocket_url", "\"wss://api.modelriver.com/socket\""));

    [Theory]
    [InlineData("message")]
    [InlineData("status")]
    [InlineData("channel_id")]
    [InlineData("project_id")]
    [InlineData("ws_token")]
    [InlineData("websocket_url")]
    [InlineData("websocket_channel")]
    [InlineData("customer_data")]
    public void AsyncResponse_MissingRequiredField_IsRejected(string field) =>
        ContractAssert.Invalid(Schema, SampleEdit.Remove(Sample, field), "$." + field);

    [Theory]
    [InlineData("status", "\"IN_PROGRESS\"", "$.status")]
    [InlineData("message", "\"ok\"", "$.message")]
    [InlineData("channel_id", "\"not-a-uuid\"", "$.channel_id")]
    [InlineData("ws_token", "\"\"", "$.ws_token")]
    [InlineData("websocket_url", "\"ws://127.0.0.1:5080/socket/websocket\"", "$.websocket_url")]
    [InlineData("websocket_url", "\"http://127.0.0.1:5080/socket\"", "$.websocket_url")]
    [InlineData("websocket_channel", "\"ai_response:" + Samples.ChannelId + "\"", "$.websocket_channel")]
    [InlineData("customer_data", "null", "$.customer_data")]
    [InlineData("test_mode", "\"yes\"", "$.test_mode")]
    public void AsyncResponse_WrongValue_IsRejected(string field, string value, string expectedPath) =>
        ContractAssert.Invalid(Schema, SampleEdit.Set(Sample, field, value), expectedPath);
}
