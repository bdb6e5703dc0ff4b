using Contract.Infrastructure;

namespace Contract.Contracts;

public class ChannelExtensionSchemaTests
{
    private const string Tokens = $$"""
        {"channel_id":"{{Samples.ChannelId}}","seq":1,"delta":"Hel","attempt":1,"provider":"openai","model":"gpt-4o"}
        """;

    private const string Failover = $$"""
        {"channel_id":"{{Samples.ChannelId}}","status":"failover","attempt":2,"provider":"anthropic","model":"claude","reason":"connection_reset"}
        """;

    [Fact]
    public void ChannelTokens_FirstDelta_IsValid() => ContractAssert.Valid("channel-tokens", Tokens);

    [Theory]
    [InlineData("seq", "0", "$.seq")]
    [InlineData("seq", "1.5", "$.seq")]
    [InlineData("seq", "\"1\"", "$.seq")]
    [InlineData("attempt", "0", "$.attempt")]
    [InlineData("delta", "\"\"", "$.delta")]
    [InlineData("delta", "null", "$.delta")]
    [InlineData("channel_id", "\"C\"", "$.channel_id")]
    [InlineData("replayed", "true", "$.replayed")]
    public void ChannelTokens_WrongValue_IsRejected(string field, string value, string expectedPath) =>
        ContractAssert.Invalid("channel-tokens", SampleEdit.Set(Tokens, field, value), expectedPath);

    [Theory]
    [InlineData("channel_id")]
    [InlineData("seq")]
    [InlineData("delta")]
    [InlineData("attempt")]
    [InlineData("provider")]
    [InlineData("model")]
    public void ChannelTokens_MissingField_IsRejected(string field) =>
        ContractAssert.Invalid("channel-tokens", SampleEdit.Remove(Tokens, field), "$." + field);

    [Theory]
    [InlineData("processing")]
    [InlineData("failover")]
    [InlineData("ai_generated")]
    [InlineData("completed")]
    [InlineData("error")]
    public void ChannelStatus_EachDocumentedStatus_IsValid(string status) =>
        ContractAssert.Valid("channel-status", SampleEdit.Set(Failover, "status", $"\"{status}\""));

    [Fact]
    public void ChannelStatus_ProcessingWithoutReason_IsValid() =>
        ContractAssert.Valid("channel-status", SampleEdit.Set(SampleEdit.Remove(Failover, "reason"), "status", "\"processing\""));

    [Theory]
    [InlineData("status", "\"pending\"", "$.status")]
    [InlineData("status", "\"success\"", "$.status")]
    [InlineData("attempt", "0", "$.attempt")]
    [InlineData("reason", "\"\"", "$.reason")]
    [InlineData("extra", "1", "$.extra")]
    public void ChannelStatus_WrongValue_IsRejected(string field, string value, string expectedPath) =>
        ContractAssert.Invalid("channel-status", SampleEdit.Set(Failover, field, value), expectedPath);

    [Theory]
    [InlineData("channel_id")]
    [InlineData("status")]
    [InlineData("attempt")]
    [InlineData("provider")]
    [InlineData("model")]
    [InlineData("reason")]
    public void ChannelStatus_FailoverMissingField_IsRejected(string field) =>
        ContractAssert.Invalid("channel-status", SampleEdit.Remove(Failover, field), "$." + field);
}
