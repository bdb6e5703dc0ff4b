using Contract.Infrastructure;

namespace Contract.Contracts;

public class WebhookEventDrivenSchemaTests
{
    private const string Schema = "webhook-event-driven";

    // docs/wire-contract.md 2.3 with docs/ARCHITECTURE.md 3.5's top-level data copy of ai_response.data.
    private const string Sample = $$$"""
        {"type":"task.ai_generated","event":"new_chat","channel_id":"{{{Samples.ChannelId}}}",
         "ai_response":{"data":{"reply":"Hi!","summary":"greeting"}},
         "callback_url":"http://127.0.0.1:5080/v1/callback/{{{Samples.ChannelId}}}","callback_required":true,
         "meta":{"duration_ms":900,"attempts":[{"provider":"openai","model":"gpt-4o","status":"success","success":true,"duration_ms":900}]},
         "customer_data":{"user_id":"u-1"},"timestamp":"2026-01-05T10:00:00.000Z",
         "data":{"reply":"Hi!","summary":"greeting"}}
        """;

    [Fact]
    public void WebhookEventDriven_FakeRiverBody_IsValid() => ContractAssert.Valid(Schema, Sample);

    [Theory]
    [InlineData("type")]
    [InlineData("event")]
    [InlineData("channel_id")]
    [InlineData("ai_response")]
    [InlineData("ai_response.data")]
    [InlineData("callback_url")]
    [InlineData("callback_required")]
    [InlineData("meta")]
    [InlineData("customer_data")]
    [InlineData("timestamp")]
    [InlineData("data")]
    public void WebhookEventDriven_MissingRequiredField_IsRejected(string field) =>
        ContractAssert.Invalid(Schema, SampleEdit.Remove(Sample, field), "$." + field);

    [Theory]
    [InlineData("type", "\"task.completed\"", "$.type")]
    [InlineData("callback_required", "false", "$.callback_required")]
    [InlineData("callback_url", "\"http://127.0.0.1:5080/v1/callbacks/x\"", "$.callback_url")]
    [InlineData("data", "null", "$.data")]
    [InlineData("ai_response.data", "[]", "$.ai_response.data")]
    [InlineData("event", "\"\"", "$.event")]
    [InlineData("meta.attempts.0.success", "\"yes\"", "$.meta.attempts[0].success")]
    public void WebhookEventDriven_WrongValue_IsRejected(string field, string value, string expectedPath) =>
        ContractAssert.Invalid(Schema, SampleEdit.Set(Sample, field, value), expectedPath);
}
