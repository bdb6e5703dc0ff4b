using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FakeRiver.Workflows;

/// <summary>
/// Loads the workflow file (YAML; format in contracts/fakeriver-config.schema.json) into a <see cref="WorkflowCatalog"/>.
/// The embedded defaults use the same format. Every problem is reported at once, each naming file, line and field.
/// </summary>
internal static class WorkflowFileLoader
{
    /// <summary>Logical name of the embedded defaults (src/FakeRiver/Workflows/defaults.yaml).</summary>
    public const string DefaultsResource = "FakeRiver.defaults.yaml";

    private static readonly string[] TopKeys = ["structured_outputs", "workflows"];

    /// <exception cref="WorkflowConfigException">The file is missing or invalid.</exception>
    public static WorkflowCatalog LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new WorkflowConfigException($"{path}: cannot read the workflow file: {e.Message}", e);
        }
        return Load(text, path);
    }

    public static WorkflowCatalog LoadEmbeddedDefaults() => Load(ReadEmbeddedDefaults(), "defaults.yaml");

    /// <summary>The text of the embedded defaults, e.g. to print as a starting point for a custom file.</summary>
    public static string ReadEmbeddedDefaults()
    {
        using var stream = typeof(WorkflowFileLoader).Assembly.GetManifestResourceStream(DefaultsResource)
            ?? throw new InvalidOperationException($"Embedded resource {DefaultsResource} is missing from the build.");
        using var text = new StreamReader(stream);
        return text.ReadToEnd();
    }

    /// <param name="yaml">The file's text.</param>
    /// <param name="source">Names the file in error messages.</param>
    public static WorkflowCatalog Load(string yaml, string source)
    {
        var reader = new ConfigReader(source);
        var root = Parse(yaml, source);
        if (root is null) return new WorkflowCatalog([]);
        if (reader.Mapping(root, "", TopKeys) is not { } map)
        {
            reader.ThrowIfFailed();
            return new WorkflowCatalog([]);
        }

        var outputs = ReadOutputs(map, reader);
        var workflows = ReadWorkflows(map, outputs, reader);
        reader.ThrowIfFailed();
        return new WorkflowCatalog(workflows, outputs);
    }

    private static YamlNode? Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // YamlDotNet prefixes its message with the position; the line in front is what editors jump to.
            throw new WorkflowConfigException($"{source}:{e.Start.Line}: invalid YAML: {(e.InnerException ?? e).Message}", e);
        }
        if (stream.Documents.Count > 1)
            throw new WorkflowConfigException($"{source}:{stream.Documents[1].RootNode.Start.Line}: expected one YAML document, found {stream.Documents.Count}");
        // An empty file has no document (or a null root): no workflows.
        return stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode s && ConfigReader.IsNull(s)
            ? null
            : stream.Documents[0].RootNode;
    }

    private static Dictionary<string, JsonObject> ReadOutputs(YamlMappingNode map, ConfigReader reader)
    {
        var outputs = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (ConfigReader.Child(map, "structured_outputs") is not { } node) return outputs;
        if (node is not YamlMappingNode named)
        {
            reader.Fail(node, "structured_outputs", $"expected a mapping of name -> schema, got {ConfigReader.Describe(node)}");
            return outputs;
        }
        foreach (var (key, value) in named.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (StructuredOutputReader.Read(value, $"structured_outputs.{name}", reader) is { } schema) outputs[name] = schema;
        }
        return outputs;
    }

    private static List<WorkflowDefinition> ReadWorkflows(YamlMappingNode map, Dictionary<string, JsonObject> outputs, ConfigReader reader)
    {
        var workflows = new List<WorkflowDefinition>();
        switch (ConfigReader.Child(map, "workflows"))
        {
            case null:
                break;
            case YamlSequenceNode list:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < list.Children.Count; i++)
                {
                    var item = list.Children[i];
                    if (WorkflowReader.Read(item, $"workflows[{i}]", outputs, reader) is not { } workflow) continue;
                    if (seen.Add(workflow.Name)) workflows.Add(workflow);
                    else reader.Fail(item, $"workflows[{i}].name", $"duplicate workflow name \"{workflow.Name}\"");
                }
                break;
            case var other:
                reader.Fail(other, "workflows", $"expected a list of workflows, got {ConfigReader.Describe(other)}");
                break;
        }
        return workflows;
    }
}
