using System.Text.Json.Nodes;
using Contract.Infrastructure;
using NJsonSchema;

namespace Contract.Contracts;

public class SchemaFileTests
{
    private const string Draft07 = "http://json-schema.org/draft-07/schema#";

    public static readonly TheoryData<string> WireSchemas = new()
    {
        "async-request", "async-response", "reconnect-request", "reconnect-response",
        "webhook-standard", "webhook-event-driven", "callback-request", "callback-response",
        "channel-response", "channel-tokens", "channel-status", "error-envelope",
        "chatbackend-chat-response", "chatbackend-webhook-response", "phoenix-frame-v2",
    };

    public static TheoryData<string> SchemaFiles
    {
        get
        {
            var files = new TheoryData<string>();
            foreach (var file in Directory.EnumerateFiles(ContractSchemas.Directory, "*.schema.json").Order(StringComparer.Ordinal))
            {
                files.Add(Path.GetFileName(file));
            }

            return files;
        }
    }

    [Theory]
    [MemberData(nameof(WireSchemas))]
    public void ContractsFolder_WireSchema_IsPresent(string name) => Assert.True(ContractSchemas.Set.Contains(name), name);

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public async Task SchemaFile_Parsed_IsLoadableDraft07WithIdAndTitle(string file)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(ContractSchemas.Directory, file));
        await JsonSchema.FromJsonAsync(text);
        var root = JsonNode.Parse(text)!;
        Assert.Equal(Draft07, (string?)root["$schema"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)root["$id"]), $"{file} has no $id");
        Assert.False(string.IsNullOrWhiteSpace((string?)root["title"]), $"{file} has no title");
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void SchemaFile_Keywords_AreAllEnforcedByNJsonSchema(string file)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(ContractSchemas.Directory, file)))!;
        var findings = SchemaKeywordAudit.Find(root);
        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
    }

    [Theory]
    [MemberData(nameof(WireSchemas))]
    public void WireSchema_Description_CitesDesign(string name)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(ContractSchemas.Directory, name + ".schema.json")))!;
        Assert.Contains("docs/ARCHITECTURE.md 3.", (string?)root["description"] ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaFiles_Ids_AreUnique()
    {
        var ids = Directory.EnumerateFiles(ContractSchemas.Directory, "*.schema.json")
            .Select(file => (string?)JsonNode.Parse(File.ReadAllText(file))!["$id"])
            .ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void SchemaFiles_AttemptDefinitions_AreIdentical()
    {
        var attempts = Directory.EnumerateFiles(ContractSchemas.Directory, "*.schema.json")
            .Select(file => JsonNode.Parse(File.ReadAllText(file))!["definitions"]?["attempt"])
            .OfType<JsonNode>()
            .ToList();
        Assert.True(attempts.Count >= 3, "webhook-standard, webhook-event-driven and channel-response define an attempt");
        Assert.All(attempts, attempt => Assert.True(JsonNode.DeepEquals(attempts[0], attempt), "attempt definitions differ"));
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void ContractsReadme_SchemaFile_IsListed(string file) =>
        Assert.Contains($"`{file}`", File.ReadAllText(Path.Combine(RepositoryRoot(), "contracts", "README.md")), StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Harness.sln not found above " + AppContext.BaseDirectory);
    }
}
