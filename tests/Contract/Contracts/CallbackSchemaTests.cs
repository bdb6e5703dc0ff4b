using Contract.Infrastructure;

namespace Contract.Contracts;

public class CallbackSchemaTests
{
    // What the public example backend sends (docs/wire-contract.md 3): the AI data enriched with an id, and the same id as task_id.
    private const string Request = """{"data":{"reply":"Hi!","summary":"greeting","id":"9d1e6a7c"},"task_id":"9d1e6a7c"}""";

    private const string Response = $$"""{"success":true,"channel_id":"{{Samples.ChannelId}}"}""";

    [Fact]
    public void CallbackRequest_EnrichedData_IsValid() => ContractAssert.Valid("callback-request", Request);

    [Fact]
    public void CallbackRequest_WithoutTaskId_IsValid() =>
        ContractAssert.Valid("callback-request", SampleEdit.Remove(Request, "task_id"));

    [Theory]
    [InlineData("""{"task_id":"t"}""")]
    [InlineData("""{"data":null}""")]
    [InlineData("""{"data":[1,2]}""")]
    [InlineData("""{"data":"text"}""")]
    public void CallbackRequest_DataMissingOrNotObject_IsRejected(string json) =>
        ContractAssert.Invalid("callback-request", json, "$.data");

    [Fact]
    public void CallbackResponse_Accepted_IsValid() => ContractAssert.Valid("callback-response", Response);

    [Theory]
    [InlineData("success", "false", "$.success")]
    [InlineData("success", "\"true\"", "$.success")]
    [InlineData("channel_id", "\"C\"", "$.channel_id")]
    public void CallbackResponse_WrongValue_IsRejected(string field, string value, string expectedPath) =>
        ContractAssert.Invalid("callback-response", SampleEdit.Set(Response, field, value), expectedPath);

    [Theory]
    [InlineData("success")]
    [InlineData("channel_id")]
    public void CallbackResponse_MissingField_IsRejected(string field) =>
        ContractAssert.Invalid("callback-response", SampleEdit.Remove(Response, field), "$." + field);
}
