using System.Text.Json.Nodes;
using FakeRiver.Scenarios.Checking;
using FakeRiver.Scenarios.Model;

namespace FakeRiver.Scenarios.Reporting;

/// <summary>The verdict of one scenario: its failures, its normalized transcript, and what it cost.</summary>
public sealed record ScenarioResult(
    Scenario Scenario,
    int Seed,
    IReadOnlyList<ScenarioFailure> Failures,
    JsonNode Transcript,
    TimeSpan WallTime,
    TimeSpan VirtualTime)
{
    public bool Passed => Failures.Count == 0;

    /// <summary>Why the scenario was not run in this world (e.g. it restarts a backend given by URL); null when it ran.</summary>
    public string? Skipped { get; init; }

    public static ScenarioResult NotApplicable(Scenario scenario, int seed, string reason, TimeSpan wall) =>
        new(scenario, seed, [], new JsonObject { ["name"] = scenario.Name, ["skipped"] = reason }, wall, TimeSpan.Zero) { Skipped = reason };
}
