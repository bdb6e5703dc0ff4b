using Contract.Infrastructure;

namespace Contract.Contracts;

public class ErrorEnvelopeSchemaTests
{
    private const string Schema = "error-envelope";

    // docs/wire-contract.md 8.17.
    private const string InvalidKey = """
        {"error":{"message":"Invalid API key provided","type":"authentication_error","code":"invalid_api_key","param":null},
         "message":"Invalid API key provided"}
        """;

    [Fact]
    public void ErrorEnvelope_InvalidApiKey_IsValid() => ContractAssert.Valid(Schema, InvalidKey);

    [Fact]
    public void ErrorEnvelope_ParamNamed_IsValid() =>
        ContractAssert.Valid(Schema, SampleEdit.Set(InvalidKey, "error.param", "\"messages\""));

    [Theory]
    [InlineData("message", "$.message")]
    [InlineData("error", "$.error")]
    [InlineData("error.message", "$.error.message")]
    [InlineData("error.type", "$.error.type")]
    [InlineData("error.code", "$.error.code")]
    [InlineData("error.param", "$.error.param")]
    public void ErrorEnvelope_MissingField_IsRejected(string field, string expectedPath) =>
        ContractAssert.Invalid(Schema, SampleEdit.Remove(InvalidKey, field), expectedPath);

    [Theory]
    [InlineData("error", "\"Invalid API key provided\"", "$.error")]
    [InlineData("error.code", "401", "$.error.code")]
    [InlineData("message", "\"\"", "$.message")]
    public void ErrorEnvelope_WrongValue_IsRejected(string field, string value, string expectedPath) =>
        ContractAssert.Invalid(Schema, SampleEdit.Set(InvalidKey, field, value), expectedPath);
}
