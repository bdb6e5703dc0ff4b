using System.Diagnostics;
using FakeRiver.Scenarios.Contracts;
using FakeRiver.Scenarios.Loading;
using FakeRiver.Scenarios.Model;
using FakeRiver.Scenarios.Reporting;
using FakeRiver.Scenarios.Running;
using Spectre.Console;

namespace FakeRiver.Cli;

/// <summary>
/// <c>run</c>: replays every scenario against the embedded ChatBackend in memory on virtual time (or against a
/// backend by URL or command, on real loopback and real time), prints a live progress line and a verdict table,
/// optionally writes JUnit XML, an HTML report and one transcript per scenario.
/// Exit code 0 = all passed, 1 = a scenario failed, 2 = bad input (the message names file, line and field).
/// </summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(RunOptions options)
    {
        IReadOnlyList<Scenario> scenarios;
        try
        {
            scenarios = ScenarioLoader.LoadPath(options.Path);
        }
        catch (ScenarioFormatException e)
        {
            return BadInput(e.Message);
        }
        if (options.Filter is { } filter) scenarios = [.. scenarios.Where(s => s.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))];
        if (scenarios.Count == 0) return BadInput($"no scenario matches '{options.Filter}'");

        var (chat, chatError) = ChatContract.Parse(options.ChatRoute, options.ChatFieldMap);
        if (chat is null) return BadInput(chatError!);

        var contracts = await ContractSchemaSet.LoadAsync(Path.Combine(AppContext.BaseDirectory, "contracts"));
        RunWorlds worlds;
        try
        {
            worlds = await RunWorlds.PrepareAsync(options, chat, CancellationToken.None);
        }
        catch (BackendStartException e)
        {
            return BadInput(e.Message);
        }
        await using var stopBackend = worlds;
        var runner = new ScenarioRunner(contracts, worlds.Create);
        var wall = Stopwatch.StartNew();
        var results = new List<ScenarioResult>();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("scenarios", maxValue: scenarios.Count);
                foreach (var scenario in scenarios)
                {
                    task.Description = Markup.Escape($"{results.Count + 1}/{scenarios.Count} {scenario.Name}");
                    results.Add(await runner.RunAsync(scenario, options.Seed));
                    task.Increment(1);
                }
            });
        VerdictTable.Write(results, wall.Elapsed);
        if (options.JUnit is { } junit) JUnitWriter.Write(junit, results, wall.Elapsed);
        if (options.Html is { } html) HtmlReportWriter.Write(html, results, wall.Elapsed);
        if (options.Out is { } output) WriteTranscripts(output, results);
        if (results.All(r => r.Passed)) return 0;
        // A failure against a foreign backend is often explained by what it logged.
        if (worlds.BackendOutput.Length > 0) Console.Error.WriteLine($"backend output (tail):\n{worlds.BackendOutput}");
        return 1;
    }

    private static void WriteTranscripts(string folder, IEnumerable<ScenarioResult> results)
    {
        Directory.CreateDirectory(folder);
        foreach (var result in results)
            File.WriteAllText(Path.Combine(folder, result.Scenario.Name + ".json"), TranscriptText.Of(result.Transcript));
    }

    private static int BadInput(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
