using System.Diagnostics;
using System.Xml.Linq;

namespace Contract.Scenarios;

/// <summary>
/// The rate-limit scenario with a caller that ignores Retry-After: the same story that passes with
/// <c>on_429: retry_after</c> is reported failed, naming the rule. Played by the CLI in its own process (see
/// <see cref="ScenarioRunFixture"/> for why).
/// </summary>
public class RetryAfterReportTests
{
    [Fact]
    public void Run_CallerIgnoresRetryAfter_ScenarioFailsNamingTheRule()
    {
        var folder = Directory.CreateTempSubdirectory("retry-after-").FullName;
        try
        {
            var yaml = File.ReadAllText(Path.Combine(ScenarioFiles.Folder, "rate-limit-sync-retry-after.yaml"))
                .Replace("on_429: retry_after", "on_429: immediately", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, "impatient.yaml"), yaml);
            var junit = Path.Combine(folder, "junit.xml");

            var (exitCode, output) = RunCli(folder, junit);

            Assert.Equal(1, exitCode);
            var failure = XDocument.Load(junit).Descendants("failure").Single().Value;
            Assert.Contains("a retry after 429 waits for Retry-After", failure, StringComparison.Ordinal);
            Assert.Contains("final HTTP status of each request", failure, StringComparison.Ordinal);
            Assert.Contains("FAIL", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int ExitCode, string Output) RunCli(string folder, string junit)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(ScenarioFiles.RepositoryRoot, "src", "FakeRiver.Tool", "bin", configuration, "net10.0", "FakeRiver.Tool.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "run", folder, "--junit", junit },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the scenario run took more than a minute");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
