using System.Diagnostics;

namespace Browser.Infrastructure;

/// <summary>
/// Writes an HTML report with the real <c>fakeriver run --html</c> over two scenarios: the repository's
/// failover-429-retry-after (passes) and a copy of happy-standard that expects an error (fails), so the report has a
/// failure to show. In a process of its own, as a user runs it (the virtual-time driver judges idleness from the
/// thread pool, which a test host keeps busy: see tests/Contract/Scenarios/ScenarioRunFixture.cs).
/// </summary>
public static class ReportFiles
{
    public static async Task<string> WriteAsync(string folder)
    {
        var scenarios = Directory.CreateDirectory(Path.Combine(folder, "scenarios")).FullName;
        var source = Path.Combine(AppContext.BaseDirectory, "scenarios");
        File.Copy(Path.Combine(source, "failover-429-retry-after.yaml"), Path.Combine(scenarios, "failover-429-retry-after.yaml"));
        var broken = File.ReadAllText(Path.Combine(source, "happy-standard.yaml"))
            .Replace("name: happy-standard", "name: happy-standard-expects-error", StringComparison.Ordinal)
            .Replace("  status: success", "  status: error", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(scenarios, "happy-standard-expects-error.yaml"), broken);
        var report = Path.Combine(folder, "report.html");

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { ToolDll(), "run", scenarios, "--html", report },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 1, $"expected exit 1 (one scenario fails), got {process.ExitCode}:\n{await output}{await errors}");
        return report;
    }

    /// <summary>The built fakeriver command of this configuration, beside the repository's sources.</summary>
    private static string ToolDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Harness.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("Harness.sln not found above " + AppContext.BaseDirectory);
        return Path.Combine(root.FullName, "src", "FakeRiver.Tool", "bin", configuration, "net10.0", "FakeRiver.Tool.dll");
    }
}
