using Contract.Infrastructure;

namespace Contract.Contracts;

public class WebhookStandardSchemaTests
{
    private const string Schema = "webhook-standard";

    // docs/wire-contract.md 2.2, with docs/ARCHITECTURE.md 3.7's attempt shape (a failover: first attempt failed, second succeeded).
    private const string Success = $$"""
        {"type":"task.completed","workflow":"support-triage","status":"success","channel_id":"{{Samples.ChannelId}}",
         "data":{"reply":"Hi!","sentiment":"neutral"},
         "meta":{"provider":"openai","model":"gpt-4o","duration_ms":900,
                 "tokens":{"prompt":12,"completion":30,"total":42},
                 "usage":{"prompt_tokens":12,"completion_tokens":30,"total_tokens":42},
                 "attempts":[{"provider":"anthropic","model":"claude","status":"error","success":false,"duration_ms":120,"reason":"http_503"},
                             {"provider":"openai","model":"gpt-4o","status":"success","success":true,"duration_ms":900}]},
         "customer_data":{"user_id":"u-1"},"timestamp":"2026-01-05T10:00:00.000Z"}
        """;

    // docs/ARCHITECTURE.md 3.7: every provider failed.
    private const string Failure = $$"""
        {"type":"task.completed","workflow":"support-triage","status":"error","channel_id":"{{Samples.ChannelId}}",
         "data":{},"error":{"message":"All providers failed","code":"all_providers_failed"},
         "meta":{"status":"error","attempts":[{"provider":"openai","model":"gpt-4o","status":"error","success":false,"duration_ms":30000,"reason":"timeout"}]},
         "customer_data":{},"timestamp":"2026-01-05T10:00:00Z"}
        """;

    [Fact]
    public void WebhookStandard_SuccessAfterFailover_IsValid() => ContractAssert.Valid(Schema, Success);

    [Fact]
    public void WebhookStandard_AllProvidersFailed_IsValid() => ContractAssert.Valid(Schema, Failure);

    [Theory]
    [InlineData("type")]
    [InlineData("workflow")]
    [InlineData("status")]
    [InlineData("channel_id")]
    [InlineData("data")]
    [InlineData("meta")]
    [InlineData("customer_data")]
    [InlineData("timestamp")]
    public void WebhookStandard_MissingRequiredField_IsRejected(string field) =>
        ContractAssert.Invalid(Schema, SampleEdit.Remove(Success, field), "$." + field);

    [Theory]
    [InlineData("data", "null", "$.data")]
    [InlineData("data", "\"Hi!\"", "$.data")]
    [InlineData("type", "\"task.ai_generated\"", "$.type")]
    [InlineData("status", "\"pending\"", "$.status")]
    [InlineData("timestamp", "1767607200", "$.timestamp")]
    [InlineData("timestamp", "\"1767607200\"", "$.timestamp")]
    [InlineData("meta.attempts", "{}", "$.meta.attempts")]
    [InlineData("meta.attempts.1.duration_ms", "900.5", "$.meta.attempts[1].duration_ms")]
    [InlineData("meta.attempts.1.status", "\"failed\"", "$.meta.attempts[1].status")]
    [InlineData("meta.attempts.1.success", "false", "$.meta.attempts[1].success")]
    public void WebhookStandard_WrongValue_IsRejected(string field, string value, string expectedPath) =>
        ContractAssert.Invalid(Schema, SampleEdit.Set(Success, field, value), expectedPath);

    [Theory]
    [InlineData("meta.attempts.1.provider", "$.meta.attempts[1].provider")]
    [InlineData("meta.attempts.1.duration_ms", "$.meta.attempts[1].duration_ms")]
    [InlineData("meta.attempts.0.reason", "$.meta.attempts[0].reason")]
    [InlineData("meta.attempts", "$.meta.attempts")]
    public void WebhookStandard_IncompleteAttempt_IsRejected(string field, string expectedPath) =>
        ContractAssert.Invalid(Schema, SampleEdit.Remove(Success, field), expectedPath);

    [Fact]
    public void WebhookStandard_ErrorStatusWithoutError_IsRejected() =>
        ContractAssert.Invalid(Schema, SampleEdit.Remove(Failure, "error"), "$.error");

    [Fact]
    public void WebhookStandard_ErrorWithoutCode_IsRejected() =>
        ContractAssert.Invalid(Schema, SampleEdit.Remove(Failure, "error.code"), "$.error.code");
}
