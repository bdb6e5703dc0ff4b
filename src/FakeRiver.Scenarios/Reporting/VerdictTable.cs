using System.Globalization;
using Spectre.Console;

namespace FakeRiver.Scenarios.Reporting;

/// <summary>The verdict table: one row per scenario, then every failure spelled out.</summary>
public static class VerdictTable
{
    /// <summary>Prints one row per scenario and a closing <c>N passed, N failed</c> line to the console.</summary>
    public static void Write(IReadOnlyList<ScenarioResult> results, TimeSpan wall)
    {
        var table = new Table().AddColumns("scenario", "verdict", "virtual time", "wall ms", "failures");
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Scenario.Name), r.Skipped ? "[yellow]skip[/]" : r.Passed ? "[green]pass[/]" : "[red]FAIL[/]", Virtual(r.VirtualTime),
                r.WallTime.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture), r.Failures.Count.ToString(CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
        foreach (var r in results.Where(r => !r.Passed))
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(r.Scenario.Name)}[/] ({Markup.Escape(r.Scenario.Source)}, seed {r.Seed}):");
            foreach (var failure in r.Failures) AnsiConsole.WriteLine("  - " + failure);
        }
        foreach (var r in results.Where(r => r.Skipped))
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(r.Scenario.Name)}[/] skipped: {Markup.Escape(r.SkipReason!)}");
        var skipped = results.Count(r => r.Skipped);
        var passed = results.Count(r => r.Passed) - skipped;
        var skippedText = skipped > 0 ? $", {skipped} skipped" : "";
        AnsiConsole.MarkupLine($"{passed} passed, {results.Count(r => !r.Passed)} failed{skippedText} in {wall.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
    }

    private static string Virtual(TimeSpan span) =>
        span.TotalSeconds < 60 ? span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms" : span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);
}
