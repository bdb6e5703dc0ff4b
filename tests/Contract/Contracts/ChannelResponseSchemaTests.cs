using Contract.Infrastructure;

namespace Contract.Contracts;

public class ChannelResponseSchemaTests
{
    private const string Schema = "channel-response";

    // docs/wire-contract.md 4.6 examples, adapted to docs/ARCHITECTURE.md 3.4/3.7 (error.code, meta.attempts).
    private const string AiGenerated = $$$"""
        {"status":"ai_generated","channel_id":"{{{Samples.ChannelId}}}","event_name":"new_chat",
         "message":"AI generated; waiting for callback","meta":{"duration_ms":900}}
        """;

    private const string Completed = $$$"""
        {"status":"completed","channel_id":"{{{Samples.ChannelId}}}","task_id":"9d1e6a7c",
         "data":{"reply":"Hi!","id":"9d1e6a7c"},"customer_data":{"user_id":"u-1"}}
        """;

    private const string Success = $$$"""
        {"status":"success","channel_id":"{{{Samples.ChannelId}}}","model":"gpt-4o","data":{"reply":"Hi!"},
         "customer_data":{"user_id":"u-1"},
         "meta":{"workflow":"support-triage","status":"success","duration_ms":900,
                 "usage":{"prompt_tokens":12,"completion_tokens":30,"total_tokens":42},
                 "attempts":[{"provider":"openai","model":"gpt-4o","status":"success","success":true,"duration_ms":900}]}}
        """;

    private const string Error = $$$"""
        {"status":"error","channel_id":"{{{Samples.ChannelId}}}",
         "error":{"message":"All providers failed","code":"all_providers_failed"},
         "meta":{"status":"error","attempts":[{"provider":"openai","model":"gpt-4o","status":"error","success":false,"duration_ms":30000,"reason":"timeout"}]}}
        """;

    public static TheoryData<string> ValidPayloads => new()
    {
        AiGenerated,
        SampleEdit.Remove(AiGenerated, "message"),
        Completed,
        SampleEdit.Remove(SampleEdit.Remove(Completed, "task_id"), "customer_data"),
        Success,
        Error,
        SampleEdit.Set(SampleEdit.Remove(Error, "meta"), "error", """{"message":"Callback timeout","code":"callback_timeout"}"""),
    };

    [Theory]
    [MemberData(nameof(ValidPayloads))]
    public void ChannelResponse_DocumentedStatus_IsValid(string json) => ContractAssert.Valid(Schema, json);

    [Theory]
    [InlineData("\"pending\"")]
    [InlineData("\"SUCCESS\"")]
    [InlineData("\"ok\"")]
    [InlineData("\"IN_PROGRESS\"")]
    [InlineData("null")]
    public void ChannelResponse_UndocumentedStatus_IsRejected(string status) =>
        ContractAssert.Invalid(Schema, SampleEdit.Set(Success, "status", status), "$.status");

    [Fact]
    public void ChannelResponse_AiGeneratedWithAiResponse_IsRejected() =>
        ContractAssert.Invalid(Schema, SampleEdit.Set(AiGenerated, "ai_response", """{"data":{"reply":"Hi!"}}"""), "$.ai_response");

    [Fact]
    public void ChannelResponse_AiGeneratedWithMetaStatus_IsRejected() =>
        ContractAssert.Invalid(Schema, SampleEdit.Set(AiGenerated, "meta.status", "\"success\""), "$.meta.status");

    [Theory]
    [InlineData("event_name", "$.event_name")]
    [InlineData("meta", "$.meta")]
    [InlineData("meta.duration_ms", "$.meta.duration_ms")]
    [InlineData("channel_id", "$.channel_id")]
    public void ChannelResponse_AiGeneratedMissingField_IsRejected(string field, string expectedPath) =>
        ContractAssert.Invalid(Schema, SampleEdit.Remove(AiGenerated, field), expectedPath);

    [Theory]
    [InlineData("data", "$.data")]
    [InlineData("channel_id", "$.channel_id")]
    public void ChannelResponse_CompletedMissingField_IsRejected(string field, string expectedPath) =>
        ContractAssert.Invalid(Schema, SampleEdit.Remove(Completed, field), expectedPath);

    [Theory]
    [InlineData("data", "$.data")]
    [InlineData("meta", "$.meta")]
    [InlineData("meta.status", "$.meta.status")]
    [InlineData("meta.attempts", "$.meta.attempts")]
    [InlineData("customer_data", "$.customer_data")]
    public void ChannelResponse_SuccessMissingField_IsRejected(string field, string expectedPath) =>
        ContractAssert.Invalid(Schema, SampleEdit.Remove(Success, field), expectedPath);

    [Theory]
    [InlineData("meta.status", "\"error\"", "$.meta.status")]
    [InlineData("data", "null", "$.data")]
    [InlineData("meta.attempts.0.success", "false", "$.meta.attempts[0].success")]
    public void ChannelResponse_SuccessWrongValue_IsRejected(string field, string value, string expectedPath) =>
        ContractAssert.Invalid(Schema, SampleEdit.Set(Success, field, value), expectedPath);

    [Theory]
    [InlineData("error", "$.error")]
    [InlineData("error.message", "$.error.message")]
    [InlineData("error.code", "$.error.code")]
    [InlineData("meta.attempts", "$.meta.attempts")]
    public void ChannelResponse_ErrorMissingField_IsRejected(string field, string expectedPath) =>
        ContractAssert.Invalid(Schema, SampleEdit.Remove(Error, field), expectedPath);

    [Fact]
    public void ChannelResponse_ErrorWithSuccessMetaStatus_IsRejected() =>
        ContractAssert.Invalid(Schema, SampleEdit.Set(Error, "meta.status", "\"success\""), "$.meta.status");
}
