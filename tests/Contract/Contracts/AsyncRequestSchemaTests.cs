using Contract.Infrastructure;

namespace Contract.Contracts;

public class AsyncRequestSchemaTests
{
    private const string Schema = "async-request";

    // The public example backend's body (docs/wire-contract.md 6), plus an arbitrary extra key echoed as customer_data.
    private const string DemoBody = """
        {"workflow":"mr_chatbot_workflow","messages":[{"role":"user","content":"Hello"}],
         "delivery_method":"websocket","webhook_url":"http://localhost:4000/webhook/modelriver",
         "events":["webhook_received"],
         "metadata":{"conversation_id":"c-1","message_id":"m-1","original_prompt":"Hello","timestamp":1767607200000},
         "user_id":"u-1"}
        """;

    private const string ProviderBody = """
        {"provider":"openai","model":"gpt-4o","messages":[{"role":"system","content":"Be brief"},{"role":"user","content":"Hi"}],
         "structured_output_schema":{"type":"object","properties":{"reply":{"type":"string"}}},
         "inputs":{"lang":"en"},"context":{}}
        """;

    [Fact]
    public void AsyncRequest_DemoBackendBody_IsValid() => ContractAssert.Valid(Schema, DemoBody);

    [Fact]
    public void AsyncRequest_ProviderAndModelInsteadOfWorkflow_IsValid() => ContractAssert.Valid(Schema, ProviderBody);

    [Fact]
    public void AsyncRequest_NeitherWorkflowNorProviderModel_IsRejected() =>
        ContractAssert.Invalid(Schema, SampleEdit.Remove(ProviderBody, "model"), "$.workflow");

    [Theory]
    [InlineData("messages")]
    [InlineData("messages.0.role")]
    [InlineData("messages.0.content")]
    public void AsyncRequest_MissingRequiredField_IsRejected(string field) =>
        ContractAssert.Invalid(Schema, SampleEdit.Remove(DemoBody, field), "$." + field.Replace(".0.", "[0].", StringComparison.Ordinal));

    [Theory]
    [InlineData("messages", "[]", "$.messages")]
    [InlineData("messages", "\"Hello\"", "$.messages")]
    [InlineData("workflow", "42", "$.workflow")]
    [InlineData("metadata", "[1]", "$.metadata")]
    [InlineData("events", "\"webhook_received\"", "$.events")]
    [InlineData("webhook_url", "\"not a url\"", "$.webhook_url")]
    public void AsyncRequest_WrongType_IsRejected(string field, string value, string expectedPath) =>
        ContractAssert.Invalid(Schema, SampleEdit.Set(DemoBody, field, value), expectedPath);
}
