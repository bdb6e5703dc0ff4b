using System.Diagnostics;
using Contract.Scenarios;

namespace Contract.Cli;

/// <summary>
/// Runs the built <c>fakeriver</c> command (FakeRiver.Tool.dll) in a process of its own, as a user would, and
/// keeps its exit code and both output streams.
/// </summary>
public sealed record ToolProcess(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<ToolProcess> RunAsync(params string[] args)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(ScenarioFiles.RepositoryRoot, "src", "FakeRiver.Tool", "bin", configuration, "net10.0", "FakeRiver.Tool.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ScenarioFiles.RepositoryRoot,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"fakeriver {string.Join(' ', args)} did not exit within 60 s");
        }
        return new ToolProcess(process.ExitCode, await stdout, await stderr);
    }
}
