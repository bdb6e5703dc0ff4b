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
    TimeSpan VirtualTime,
    string? SkipReason = null)
{
    /// <summary>No failure; a skipped scenario does not fail the run either.</summary>
    public bool Passed => Failures.Count == 0;

    /// <summary>The world could not play the scenario (see <see cref="SkipReason"/>); it neither passed nor failed.</summary>
    public bool Skipped => SkipReason is not null;

    /// <summary>FakeRiver's event feed of the run (the dashboard's story, on the run's clock) for the HTML report.</summary>
    public IReadOnlyList<RiverEvent> Events { get; init; } = [];
}
