using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Perf.Load;

/// <summary>What the numbers were measured on: they only mean something next to this.</summary>
public sealed record MachineInfo(string Cpu, int Cores, string Os, string Dotnet, string Gc, string LoadAverage, string GitCommit)
{
    public static MachineInfo Capture(string repoRoot) => new(
        ReadCpu(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Interactive ? ", concurrent" : ""),
        ReadLoadAverage(),
        ReadGitCommit(repoRoot));

    /// <summary>1, 5 and 15 minute load averages (Linux); the run is only comparable when the machine was quiet.</summary>
    public static string ReadLoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string ReadCpu() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : RuntimeInformation.ProcessArchitecture.ToString();

    private static string ReadGitCommit(string repoRoot)
    {
        var head = Git(repoRoot, "rev-parse HEAD");
        if (head is null) return "unknown";
        return string.IsNullOrWhiteSpace(Git(repoRoot, "status --porcelain --untracked-files=no")) ? head : head + " (+ uncommitted changes)";
    }

    private static string? Git(string directory, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }
}
