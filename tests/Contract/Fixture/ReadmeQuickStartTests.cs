using Contract.Scenarios;

namespace Contract.Fixture;

/// <summary>
/// The README's "Use FakeRiver in your own tests" example is the sample file CI compiles and runs against the packed
/// fixture (samples/BackendTests), so the README cannot drift from code that passes.
/// </summary>
public class ReadmeQuickStartTests
{
    private const string Section = "## Use FakeRiver in your own tests";

    [Fact]
    public void ReadmeFirstCSharpBlock_OfTheFixtureSection_IsTheSampleFileVerbatim()
    {
        var readme = Normalize(File.ReadAllText(Path.Combine(ScenarioFiles.RepositoryRoot, "README.md")));
        var sample = Normalize(File.ReadAllText(Path.Combine(ScenarioFiles.RepositoryRoot, "samples", "BackendTests", "QuickStartTest.cs")));

        Assert.Equal(sample, FirstCSharpBlock(readme));
    }

    [Fact]
    public void SampleQuickStart_OneCompleteTestFile_UsingsClassOneFact()
    {
        var sample = File.ReadAllText(Path.Combine(ScenarioFiles.RepositoryRoot, "samples", "BackendTests", "QuickStartTest.cs"));

        Assert.StartsWith("using ", sample, StringComparison.Ordinal);
        Assert.Contains("using FakeRiver.Testing;", sample, StringComparison.Ordinal);
        Assert.Single(sample.Split("public class ").Skip(1));
        Assert.Single(sample.Split("[Fact]").Skip(1));
    }

    [Fact]
    public void FirstCSharpBlock_NoSection_Throws() =>
        Assert.Throws<InvalidOperationException>(() => FirstCSharpBlock("# README\n```csharp\nx\n```\n"));

    private static string FirstCSharpBlock(string readme)
    {
        var section = readme.IndexOf("\n" + Section + "\n", StringComparison.Ordinal);
        if (section < 0) throw new InvalidOperationException($"README has no '{Section}' section");
        var next = readme.IndexOf("\n## ", section + Section.Length + 1, StringComparison.Ordinal);
        var body = next < 0 ? readme[section..] : readme[section..next];
        const string open = "```csharp\n";
        var start = body.IndexOf(open, StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException($"'{Section}' has no C# block");
        var end = body.IndexOf("\n```", start + open.Length - 1, StringComparison.Ordinal);
        return body[(start + open.Length)..(end + 1)];
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
