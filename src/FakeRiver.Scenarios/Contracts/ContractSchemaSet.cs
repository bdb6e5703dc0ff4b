using System.Text.Json.Nodes;
using NJsonSchema;

namespace FakeRiver.Scenarios.Contracts;

/// <summary>
/// Every <c>*.schema.json</c> of one contracts directory, parsed once. Free of any test framework so the scenario
/// runner can reuse it; schemas are named by file name without <c>.schema.json</c> (e.g. <c>async-response</c>).
/// </summary>
public sealed class ContractSchemaSet
{
    private const string Suffix = ".schema.json";
    private readonly IReadOnlyDictionary<string, JsonSchema> _schemas;

    private ContractSchemaSet(string directory, IReadOnlyDictionary<string, JsonSchema> schemas)
    {
        Directory = directory;
        _schemas = schemas;
    }

    /// <summary>The folder the schemas were read from.</summary>
    public string Directory { get; }

    /// <summary>The schema names (file names without <c>.schema.json</c>), sorted.</summary>
    public IReadOnlyCollection<string> Names => _schemas.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Reads every <c>*.schema.json</c> in <paramref name="directory"/>; blocks until done.</summary>
    public static ContractSchemaSet Load(string directory) => LoadAsync(directory).GetAwaiter().GetResult();

    /// <summary>Reads every <c>*.schema.json</c> in <paramref name="directory"/>.</summary>
    public static async Task<ContractSchemaSet> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Contracts directory not found: {directory}");
        }

        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*" + Suffix))
        {
            schemas[NameOf(file)] = await ParseAsync(file, cancellationToken);
        }

        return new ContractSchemaSet(directory, schemas);
    }

    /// <summary>Whether a schema of that name (in any form <see cref="Normalize"/> accepts) was loaded.</summary>
    public bool Contains(string schemaName) => _schemas.ContainsKey(Normalize(schemaName));

    /// <summary>The schema of that name; throws <see cref="KeyNotFoundException"/> naming the known ones.</summary>
    public JsonSchema Get(string schemaName) =>
        _schemas.TryGetValue(Normalize(schemaName), out var schema)
            ? schema
            : throw new KeyNotFoundException(
                $"No contract schema '{schemaName}' in {Directory}. Known: {string.Join(", ", Names)}");

    /// <summary>Validates JSON text; an empty list means it conforms.</summary>
    public IReadOnlyList<ContractViolation> Validate(string schemaName, string json) =>
        ContractViolationReader.Read(Get(schemaName).Validate(json));

    /// <summary>Validates a JSON node (null means the JSON literal <c>null</c>).</summary>
    public IReadOnlyList<ContractViolation> Validate(string schemaName, JsonNode? json) =>
        Validate(schemaName, json?.ToJsonString() ?? "null");

    /// <summary>Accepts <c>async-response</c>, <c>async-response.schema</c> or <c>async-response.schema.json</c>.</summary>
    public static string Normalize(string schemaName)
    {
        var name = schemaName.EndsWith(".json", StringComparison.Ordinal) ? schemaName[..^5] : schemaName;
        return name.EndsWith(".schema", StringComparison.Ordinal) ? name[..^7] : name;
    }

    private static string NameOf(string file) => Normalize(Path.GetFileName(file));

    private static async Task<JsonSchema> ParseAsync(string file, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(file, cancellationToken);
        try
        {
            return await JsonSchema.FromJsonAsync(text, file, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new InvalidOperationException($"Contract schema {Path.GetFileName(file)} cannot be loaded: {exception.Message}", exception);
        }
    }
}
