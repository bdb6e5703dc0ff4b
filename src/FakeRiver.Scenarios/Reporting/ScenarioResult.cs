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
    /// <summary>No failure.</summary>
    public bool Passed => Failures.Count == 0;
}
