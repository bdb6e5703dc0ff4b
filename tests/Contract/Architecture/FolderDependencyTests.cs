using System.Text.RegularExpressions;
using Contract.Scenarios;

namespace Contract.Architecture;

/// <summary>
/// The folders of src/FakeRiver depend one way (docs/ARCHITECTURE.md 2): no cycle between folders, and the root
/// namespace (options, defaults, the error envelope, clock helpers) uses no folder, so every folder may use it.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly string Source = Path.Combine(ScenarioFiles.RepositoryRoot, "src", "FakeRiver");

    [Fact]
    public void RootFiles_UseNoFolder_OnlyBasics()
    {
        var offenders = Directory.GetFiles(Source, "*.cs", SearchOption.TopDirectoryOnly)
            .Where(file => UsedFolders(file).Any())
            .Select(Path.GetFileName);
        Assert.Empty(offenders);
    }

    [Fact]
    public void Folders_DependOneWay_NoCycle()
    {
        var graph = FolderGraph();
        var cycle = FindCycle(graph);
        Assert.True(cycle is null, $"folder cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void FindCycle_TwoFoldersUsingEachOther_ReportsIt()
    {
        // The check itself must be able to fail.
        var graph = new Dictionary<string, HashSet<string>> { ["Api"] = ["Admin"], ["Admin"] = ["Api"] };
        Assert.NotNull(FindCycle(graph));
    }

    private static Dictionary<string, HashSet<string>> FolderGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var folder in Directory.GetDirectories(Source).Select(Path.GetFileName).OfType<string>())
        {
            if (folder is "bin" or "obj") continue;
            var uses = Directory.GetFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories)
                .SelectMany(UsedFolders).Where(used => used != folder);
            graph[folder] = [.. uses];
        }
        return graph;
    }

    private static IEnumerable<string> UsedFolders(string file) =>
        FolderReference().Matches(File.ReadAllText(file)).Select(match => match.Groups[1].Value).Distinct();

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        foreach (var start in graph.Keys)
            if (Visit(start) is { } found) return found;
        return null;

        List<string>? Visit(string node)
        {
            var at = path.IndexOf(node);
            if (at >= 0) return [.. path[at..], node];
            if (!done.Add(node)) return null;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
                if (Visit(next) is { } found) return found;
            path.RemoveAt(path.Count - 1);
            return null;
        }
    }

    // "using FakeRiver.Api;" or a qualified "FakeRiver.Api.X" — the folder is the namespace's second part.
    [GeneratedRegex(@"\bFakeRiver\.(Api|Requests|Pipeline|Providers|StructuredOutput|Webhooks|Phoenix|Admin|Workflows|Hosting|Sync|RateLimiting|Cors|Usage|Recording|Observability|Dashboard)\b")]
    private static partial Regex FolderReference();
}
