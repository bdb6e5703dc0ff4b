using System.Diagnostics;
using System.Xml.Linq;

namespace Contract.Scenarios;

/// <summary>
/// Runs the scenario CLI once, in a process of its own, exactly as a user would (<c>FakeRiver run scenarios</c>),
/// and keeps its JUnit verdicts and transcripts. A separate process because the virtual-time driver judges
/// "the apps are idle" from the thread pool, and a test host keeps pool threads of its own busy.
/// </summary>
public sealed class ScenarioRunFixture : IDisposable
{
    public ScenarioRunFixture()
    {
        Output = Path.Combine(Path.GetTempPath(), $"scenario-run-{Guid.NewGuid():N}");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(ScenarioFiles.RepositoryRoot, "src", "FakeRiver.Tool", "bin", configuration, "net10.0", "FakeRiver.Tool.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "run", ScenarioFiles.Folder, "--out", Output, "--junit", Path.Combine(Output, "junit.xml") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the scenario run took more than 3 minutes");
        }
        Console = stdout.Result + stderr.Result;
        ExitCode = process.ExitCode;
        var junit = Path.Combine(Output, "junit.xml");
        Verdicts = File.Exists(junit)
            ? XDocument.Load(junit).Descendants("testcase").ToDictionary(
                t => (string)t.Attribute("name")!,
                t => t.Element("failure") is { } failure ? (string?)(failure.Attribute("message")?.Value ?? failure.Value) : null)
            : [];
    }

    public string Output { get; }

    public string Console { get; }

    public int ExitCode { get; }

    /// <summary>Scenario name -> null when it passed, else the failure text.</summary>
    public IReadOnlyDictionary<string, string?> Verdicts { get; }

    public string Transcript(string name) => File.ReadAllText(Path.Combine(Output, name + ".json"));

    public void Dispose()
    {
        if (Directory.Exists(Output)) Directory.Delete(Output, recursive: true);
    }
}
