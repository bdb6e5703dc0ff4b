namespace Perf.Load;

/// <summary>
/// <c>load</c>: for each concurrency level, N browsers chat through ChatBackend and FakeRiver on real loopback,
/// then the same client reads the same schedule from the bare-Kestrel limit, then async accept is driven against
/// FakeRiver and WireMock.Net. Results go to tests/Perf/results; the last line printed is the machine-readable summary.
/// </summary>
public static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        var repoRoot = RepoRoot();
        var machine = MachineInfo.Capture(repoRoot);
        Console.WriteLine($"machine: {machine.Cpu}, {machine.Cores} cores, {machine.Dotnet}, load {machine.LoadAverage}, commit {machine.GitCommit}");

        var levels = new List<LevelResult>();
        foreach (var streams in options.Levels)
        {
            var level = await LevelRunner.RunAsync(streams, options);
            levels.Add(level);
            Console.WriteLine(FormattableString.Invariant(
                $"{streams,5} streams: FakeRiver ITL p99 {level.FakeRiver.Itl.P99Ms} ms (limit {level.Limit.Itl.P99Ms}), TTFT p99 {level.FakeRiver.Ttft.P99Ms} ms, lost {level.FakeRiver.LostTokens}, dup {level.FakeRiver.DuplicatedTokens}, errors {level.FakeRiver.Errors}/{level.Limit.Errors}; accept {level.AcceptFakeRiver.RequestsPerSecond} vs {level.AcceptWireMock.RequestsPerSecond} req/s"));
            foreach (var error in level.FakeRiver.FirstErrors.Concat(level.Limit.FirstErrors)) Console.WriteLine($"      error: {error}");
        }

        var command = "dotnet run -c Release --project tests/Perf -- load " + string.Join(' ', args);
        var report = new LoadReport(machine, command, options.Tokens, options.PaceMs, options.AcceptRequests, MachineInfo.ReadLoadAverage(), levels);
        var output = options.OutputDirectory ?? Path.Combine(repoRoot, "tests", "Perf", "results");
        ResultWriter.Write(output, report);
        Console.WriteLine($"results: {output}");
        Console.WriteLine(report.SummaryLine());
        return 0;
    }

    /// <summary>The folder holding Harness.sln, found from the binary's location (dotnet run may start anywhere).</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
