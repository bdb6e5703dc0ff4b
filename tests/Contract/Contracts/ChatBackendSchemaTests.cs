using Contract.Infrastructure;

namespace Contract.Contracts;

public class ChatBackendSchemaTests
{
    private const string Chat = $$"""
        {"channel_id":"{{Samples.ChannelId}}","ws_token":"opaque-one-time-token","websocket_url":"ws://127.0.0.1:5080/socket",
         "websocket_channel":"ai_response:{{Samples.ProjectId}}:{{Samples.ChannelId}}","project_id":"{{Samples.ProjectId}}"}
        """;

    private const string Webhook = $$"""
        {"success":true,"message":"Webhook processed","record_id":"9d1e6a7c-1111-4222-8333-944445555666",
         "channel_id":"{{Samples.ChannelId}}","timestamp":"2026-01-05T10:00:01.234Z"}
        """;

    [Fact]
    public void ChatBackendChatResponse_ConnectionFields_IsValid() => ContractAssert.Valid("chatbackend-chat-response", Chat);

    [Theory]
    [InlineData("channel_id")]
    [InlineData("ws_token")]
    [InlineData("websocket_url")]
    [InlineData("websocket_channel")]
    [InlineData("project_id")]
    public void ChatBackendChatResponse_MissingField_IsRejected(string field) =>
        ContractAssert.Invalid("chatbackend-chat-response", SampleEdit.Remove(Chat, field), "$." + field);

    [Theory]
    [InlineData("ws_token", "\"\"", "$.ws_token")]
    [InlineData("websocket_url", "null", "$.websocket_url")]
    public void ChatBackendChatResponse_FalsyField_IsRejected(string field, string value, string expectedPath) =>
        ContractAssert.Invalid("chatbackend-chat-response", SampleEdit.Set(Chat, field, value), expectedPath);

    [Fact]
    public void ChatBackendWebhookResponse_Processed_IsValid() => ContractAssert.Valid("chatbackend-webhook-response", Webhook);

    [Theory]
    [InlineData("success")]
    [InlineData("message")]
    [InlineData("record_id")]
    [InlineData("channel_id")]
    [InlineData("timestamp")]
    public void ChatBackendWebhookResponse_MissingField_IsRejected(string field) =>
        ContractAssert.Invalid("chatbackend-webhook-response", SampleEdit.Remove(Webhook, field), "$." + field);

    [Theory]
    [InlineData("message", "\"Webhook received\"", "$.message")]
    [InlineData("success", "false", "$.success")]
    [InlineData("timestamp", "1767607201", "$.timestamp")]
    public void ChatBackendWebhookResponse_WrongValue_IsRejected(string field, string value, string expectedPath) =>
        ContractAssert.Invalid("chatbackend-webhook-response", SampleEdit.Set(Webhook, field, value), expectedPath);
}
