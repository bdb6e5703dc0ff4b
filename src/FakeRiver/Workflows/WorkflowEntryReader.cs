using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FakeRiver.Workflows;

/// <summary>
/// Reads one workflow entry — what one item of the workflow file's <c>workflows</c> list holds — from YAML or JSON
/// text (JSON is YAML), with the file loader's rules and its <c>source:line: field: message</c> errors. The name may
/// be left out (the caller's name is used) but may not differ from it.
/// </summary>
internal static class WorkflowEntryReader
{
    /// <returns>The definition, or every error found (nothing is half-read).</returns>
    public static (WorkflowDefinition? Workflow, IReadOnlyList<string> Errors) Read(
        string text, string source, string name, IReadOnlyDictionary<string, JsonObject> namedOutputs)
    {
        var reader = new ConfigReader(source);
        YamlNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count != 1) return (null, [$"{source}:1: expected one workflow entry, found {stream.Documents.Count} documents"]);
            root = stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            return (null, [$"{source}:{e.Start.Line}: invalid YAML or JSON: {(e.InnerException ?? e).Message}"]);
        }
        catch (ArgumentException e)
        {
            // YamlDotNet reports a duplicate mapping key this way.
            return (null, [$"{source}:1: invalid entry: {e.Message}"]);
        }

        if (root is YamlMappingNode map)
        {
            var nameNode = ConfigReader.Child(map, "name");
            if (nameNode is null) map.Add("name", name);
            else if (nameNode is YamlScalarNode { Value: { } given } && given != name)
                reader.Fail(nameNode, "name", $"must match the name in the URL (\"{name}\"), got \"{given}\"");
        }
        var workflow = WorkflowReader.Read(root, "", namedOutputs, reader);
        return reader.Errors.Count > 0 || workflow is null ? (null, reader.Errors) : (workflow, []);
    }
}
