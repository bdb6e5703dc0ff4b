using FakeRiver.Scenarios.Model;
using FakeRiver.Workflows;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FakeRiver.Scenarios.Loading;

/// <summary>
/// Loads scenario files (YAML; format in contracts/scenario.schema.json and scenarios/README.md): one file, or every
/// <c>*.yaml</c>/<c>*.yml</c> of a folder in name order. Every problem in every file is reported at once, each
/// naming file, line and field, like the workflow file.
/// </summary>
public static class ScenarioLoader
{
    /// <exception cref="ScenarioFormatException">A file is missing, unreadable or invalid.</exception>
    public static IReadOnlyList<Scenario> LoadPath(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path).Where(IsScenarioFile).Order(StringComparer.Ordinal).ToList()
            : File.Exists(path) ? [path] : throw new ScenarioFormatException($"{path}: no such scenario file or folder");
        if (files.Count == 0) throw new ScenarioFormatException($"{path}: no *.yaml scenario files in this folder");

        var errors = new List<string>();
        var scenarios = new List<Scenario>();
        var outputs = WorkflowFileLoader.LoadEmbeddedDefaults().StructuredOutputs;
        foreach (var file in files)
        {
            try
            {
                scenarios.Add(Load(File.ReadAllText(file), file, outputs));
            }
            catch (ScenarioFormatException e)
            {
                errors.AddRange(e.Errors);
            }
            catch (IOException e)
            {
                errors.Add($"{file}: cannot read: {e.Message}");
            }
        }
        foreach (var duplicate in scenarios.GroupBy(s => s.Name).Where(g => g.Count() > 1))
            errors.Add($"{duplicate.Last().Source}:1: name: duplicate scenario name \"{duplicate.Key}\"");
        if (errors.Count > 0) throw new ScenarioFormatException(errors);
        return scenarios;
    }

    /// <summary>Parses one scenario from YAML text; <paramref name="source"/> names it in error messages.</summary>
    public static Scenario Load(string yaml, string source) =>
        Load(yaml, source, WorkflowFileLoader.LoadEmbeddedDefaults().StructuredOutputs);

    private static Scenario Load(string yaml, string source, IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonObject> outputs)
    {
        var reader = new ConfigReader(source);
        var scenario = ScenarioReader.Read(Parse(yaml, source), outputs, reader);
        if (reader.Errors.Count > 0 || scenario is null)
            throw new ScenarioFormatException(reader.Errors.Count > 0 ? reader.Errors : [$"{source}:1: not a scenario"]);
        return scenario;
    }

    private static bool IsScenarioFile(string file) =>
        file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static YamlNode Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ScenarioFormatException($"{source}:{e.Start.Line}: invalid YAML: {(e.InnerException ?? e).Message}", e);
        }
        if (stream.Documents.Count != 1)
            throw new ScenarioFormatException($"{source}:1: expected one YAML document, found {stream.Documents.Count}");
        return stream.Documents[0].RootNode;
    }
}
