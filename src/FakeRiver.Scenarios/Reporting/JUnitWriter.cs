using System.Globalization;
using System.Xml.Linq;

namespace FakeRiver.Scenarios.Reporting;

/// <summary>
/// JUnit XML for CI: one testsuite, one testcase per scenario, a failure element listing every broken rule, a skipped
/// element (with the reason) for a scenario the world cannot play.
/// </summary>
public static class JUnitWriter
{
    /// <summary>Writes the verdicts to <paramref name="file"/>; <paramref name="wall"/> is the whole run's time.</summary>
    public static void Write(string file, IReadOnlyList<ScenarioResult> results, TimeSpan wall)
    {
        var suite = new XElement("testsuite",
            new XAttribute("name", "scenarios"),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => !r.Passed)),
            new XAttribute("skipped", results.Count(r => r.Skipped)),
            new XAttribute("time", Seconds(wall)));
        foreach (var r in results)
        {
            var testcase = new XElement("testcase",
                new XAttribute("classname", "scenarios." + Path.GetFileNameWithoutExtension(r.Scenario.Source)),
                new XAttribute("name", r.Scenario.Name),
                new XAttribute("time", Seconds(r.WallTime)));
            if (r.Skipped) testcase.Add(new XElement("skipped", new XAttribute("message", r.SkipReason!)));
            if (!r.Passed)
            {
                testcase.Add(new XElement("failure",
                    new XAttribute("message", r.Failures[0].ToString()),
                    string.Join('\n', r.Failures.Select(f => f.ToString()))));
            }
            suite.Add(testcase);
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (directory is not null) Directory.CreateDirectory(directory);
        new XDocument(new XElement("testsuites", suite)).Save(file);
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
