namespace Contract.Scenarios;

/// <summary>The repository's scenarios/ folder, found by walking up from the test binaries to Harness.sln.</summary>
public static class ScenarioFiles
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot, "scenarios");

    public static string RepositoryRoot => Find();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.yaml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Harness.sln not found above " + AppContext.BaseDirectory);
    }
}
