using System.Text.Json.Nodes;

namespace Contract.Infrastructure;

/// <summary>xunit assertions over <see cref="ContractSchemas"/>.</summary>
public static class ContractAssert
{
    /// <summary>Fails, listing every violation (path, rule, value), unless <paramref name="json"/> conforms.</summary>
    public static void Valid(string schemaName, string json) =>
        Report(schemaName, json, ContractSchemas.Validate(schemaName, json));

    public static void Valid(string schemaName, JsonNode? json) =>
        Report(schemaName, json?.ToJsonString() ?? "null", ContractSchemas.Validate(schemaName, json));

    /// <summary>Fails unless the message is rejected with a violation at exactly <paramref name="expectedPath"/>.</summary>
    public static IReadOnlyList<ContractViolation> Invalid(string schemaName, string json, string expectedPath)
    {
        var violations = ContractSchemas.Validate(schemaName, json);
        Assert.True(violations.Count > 0, $"Expected {schemaName} to reject {json}, but it conforms.");
        Assert.True(
            violations.Any(v => v.Path == expectedPath),
            $"Expected a violation at {expectedPath} for {schemaName}; got:{Environment.NewLine}{Format(violations)}");
        return violations;
    }

    public static IReadOnlyList<ContractViolation> Invalid(string schemaName, JsonNode? json, string expectedPath) =>
        Invalid(schemaName, json?.ToJsonString() ?? "null", expectedPath);

    public static string Format(IEnumerable<ContractViolation> violations) =>
        string.Join(Environment.NewLine, violations.Select(v => "  - " + v));

    private static void Report(string schemaName, string json, IReadOnlyList<ContractViolation> violations)
    {
        if (violations.Count == 0)
        {
            return;
        }

        Assert.Fail(
            $"{json}{Environment.NewLine}does not conform to contracts/{ContractSchemaSet.Normalize(schemaName)}.schema.json "
            + $"({violations.Count} violation(s)):{Environment.NewLine}{Format(violations)}");
    }
}
