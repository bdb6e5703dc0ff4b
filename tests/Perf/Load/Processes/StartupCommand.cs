using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Perf.Load.Processes;

/// <summary>
/// <c>startup [--runs N] [--out DIR]</c>: the built <c>fakeriver</c> tool's cold start (spawn of
/// <c>dotnet FakeRiver.Tool.dll serve</c> → its first HTTP answer, polled every 5 ms; the <c>dotnet</c> host's own
/// start included) N times, and the wall time of <c>fakeriver run scenarios</c> (the whole suite, in memory).
/// Writes startup.md into the results folder.
/// </summary>
public static class StartupCommand
{
    public static async Task<int> RunAsync(string[] args, string repoRoot)
    {
        var runs = 3;
        var output = Path.Combine(repoRoot, "tests", "Perf", "results");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--runs") runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            else if (args[i] == "--out") output = args[i + 1];
        }
        var tool = new[] { "Release", "Debug" }.Select(c => Path.Combine(repoRoot, "src", "FakeRiver.Tool", "bin", c, "net10.0", "FakeRiver.Tool.dll")).FirstOrDefault(File.Exists);
        if (tool is null)
        {
            await Console.Error.WriteLineAsync("build src/FakeRiver.Tool first (FakeRiver.Tool.dll not found)");
            return 2;
        }
        var machine = MachineInfo.Capture(repoRoot);
        var coldStarts = new List<double>();
        for (var i = 0; i < runs; i++) coldStarts.Add(await ColdStartAsync(tool));
        var scenarios = Directory.GetFiles(Path.Combine(repoRoot, "scenarios"), "*.yaml").Length;
        var (suiteSeconds, exitCode) = await SuiteAsync(tool, repoRoot);

        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Start-up and scenario suite\n\n- command: `dotnet run -c Release --project tests/Perf -- startup {string.Join(' ', args)}` (tool: {Path.GetRelativePath(repoRoot, tool)})\n");
        md.Append(CultureInfo.InvariantCulture, $"- machine: {machine.Cpu}, {machine.Cores} cores, {machine.Os}, {machine.Dotnet}\n- load average (1/5/15 min): {machine.LoadAverage} before, {MachineInfo.ReadLoadAverage()} after\n- git commit: {machine.GitCommit}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"| measure | result |\n|---|---|\n| FakeRiver cold start, spawn → first HTTP answer (ms, {runs} runs) | {string.Join(" / ", coldStarts.Select(c => c.ToString("F0", CultureInfo.InvariantCulture)))} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| `fakeriver run scenarios` wall ({scenarios} scenario files) | {suiteSeconds:F2} s, exit code {exitCode} |\n");
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "startup.md"), md.ToString());
        Console.Write(md.ToString());
        return 0;
    }

    private static async Task<double> ColdStartAsync(string tool)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "dotnet", tool, "serve", "--urls", url }) info.ArgumentList.Add(arg);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var started = Ticks.Now();
        using var process = Process.Start(info)!;
        try
        {
            while (!process.HasExited && Ticks.ToMilliseconds(Ticks.Now() - started) < 60_000)
            {
                try
                {
                    using var response = await http.GetAsync(url + "/__admin/requests");
                    return Math.Round(Ticks.ToMilliseconds(Ticks.Now() - started), 1);
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
                }
            }
            return double.NaN;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<(double Seconds, int ExitCode)> SuiteAsync(string tool, string repoRoot)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = repoRoot, RedirectStandardOutput = true };
        foreach (var arg in new[] { tool, "run", "scenarios" }) info.ArgumentList.Add(arg);
        var started = Ticks.Now();
        using var process = Process.Start(info)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Console.WriteLine(text.Split('\n').LastOrDefault(l => l.Length > 0));
        return (Ticks.ToMilliseconds(Ticks.Now() - started) / 1000, process.ExitCode);
    }
}
