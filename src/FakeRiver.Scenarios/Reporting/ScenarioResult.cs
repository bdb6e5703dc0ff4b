using System.Text.Json.Nodes;
using FakeRiver.Observability;
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

    /// <summary>FakeRiver's event feed of the run (the dashboard's story, on the run's clock) for the HTML report.</summary>
    public IReadOnlyList<RiverEvent> Events { get; init; } = [];
}
