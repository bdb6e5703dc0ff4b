using System.Text.Json.Nodes;

namespace Contract.Infrastructure;

/// <summary>
/// The repository's contracts/ as copied next to the test assembly (see Contract.csproj), loaded once per test run.
/// </summary>
public static class ContractSchemas
{
    private static readonly Lazy<ContractSchemaSet> Loaded = new(() => ContractSchemaSet.Load(Directory));

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "contracts");

    public static ContractSchemaSet Set => Loaded.Value;

    public static IReadOnlyList<ContractViolation> Validate(string schemaName, string json) => Set.Validate(schemaName, json);

    public static IReadOnlyList<ContractViolation> Validate(string schemaName, JsonNode? json) => Set.Validate(schemaName, json);
}
