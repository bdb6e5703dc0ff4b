using System.Text.Json.Nodes;
using Contract.Infrastructure;
using Xunit.Sdk;

namespace Contract.Contracts;

public class ContractAssertTests
{
    private const string BadTokens = """{"channel_id":"C","seq":0,"delta":"x","attempt":1,"provider":"p"}""";

    [Fact]
    public void ContractAssertValid_NonConformingJson_ListsPathRuleAndValueOfEveryViolation()
    {
        var failure = Assert.ThrowsAny<XunitException>(() => ContractAssert.Valid("channel-tokens", BadTokens));
        Assert.Contains("$.seq: NumberTooSmall: must be >= 1 (value: 0)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("$.channel_id: PatternMismatch", failure.Message, StringComparison.Ordinal);
        Assert.Contains("(value: \"C\")", failure.Message, StringComparison.Ordinal);
        Assert.Contains("$.model: PropertyRequired: required property is missing (value: (missing))", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContractAssertValid_JsonNode_IsValidatedLikeText()
    {
        var node = JsonNode.Parse($$$"""{"success":true,"channel_id":"{{{Samples.ChannelId}}}"}""");
        ContractAssert.Valid("callback-response", node);
        Assert.ThrowsAny<XunitException>(() => ContractAssert.Valid("callback-response", (JsonNode?)null));
    }

    [Fact]
    public void ContractAssertInvalid_ConformingJson_Fails() =>
        Assert.ThrowsAny<XunitException>(() =>
            ContractAssert.Invalid("callback-request", """{"data":{}}""", "$.data"));

    [Fact]
    public void ContractSchemaSet_BranchViolation_NamesTheAlternativeAndHidesTheGuard()
    {
        var json = $$$"""{"status":"ai_generated","channel_id":"{{{Samples.ChannelId}}}","event_name":"e","meta":{"duration_ms":1},"ai_response":{}}""";
        var violation = Assert.Single(ContractSchemas.Validate("channel-response", json));
        Assert.Equal("$.ai_response", violation.Path);
        Assert.Contains("ai_generated shape", violation.Rule, StringComparison.Ordinal);
        Assert.Contains("Forbidden in ai_generated", violation.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void ContractSchemaSet_ArrayItemViolation_ReportsOnlyTheItemPath()
    {
        var json = $$$"""
            {"type":"task.completed","workflow":null,"status":"success","channel_id":"{{{Samples.ChannelId}}}","data":{},
             "customer_data":{},"timestamp":"2026-01-05T10:00:00Z",
             "meta":{"attempts":[{"provider":"a","model":"m","status":"success","success":true}]}}
            """;
        var violation = Assert.Single(ContractSchemas.Validate("webhook-standard", json));
        Assert.Equal("$.meta.attempts[0].duration_ms", violation.Path);
        Assert.Equal("PropertyRequired: required property is missing", violation.Rule);
    }

    [Theory]
    [InlineData("async-response")]
    [InlineData("async-response.schema")]
    [InlineData("async-response.schema.json")]
    public void ContractSchemaSet_NameVariants_ResolveToTheSameSchema(string name) =>
        Assert.Same(ContractSchemas.Set.Get("async-response"), ContractSchemas.Set.Get(name));

    [Fact]
    public void ContractSchemaSet_UnknownSchema_ThrowsNamingKnownOnes()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => ContractSchemas.Set.Get("nope"));
        Assert.Contains("async-response", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContractSchemaSet_MissingDirectory_Throws() =>
        Assert.Throws<DirectoryNotFoundException>(() => ContractSchemaSet.Load(Path.Combine(ContractSchemas.Directory, "absent")));
}
