using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;

namespace Contract.Scenarios;

/// <summary>
/// Every scenario in scenarios/, replayed by the CLI on virtual time: its verdict, and its normalized transcript
/// against the committed snapshot (same seed, same bytes).
/// </summary>
[Collection(ScenarioCollection.Name)]
public class ScenarioSnapshotTests(ScenarioRunFixture run) : IClassFixture<ScenarioRunFixture>
{
    [Theory]
    [MemberData(nameof(Names))]
    public void Scenario_ReplayedByTheCli_PassesAndTranscriptMatchesSnapshot(string name)
    {
        Assert.True(run.Verdicts.ContainsKey(name), $"no verdict for {name}; the run said:\n{run.Console}");
        Assert.True(run.Verdicts[name] is null, $"{name} failed: {run.Verdicts[name]}");

        Snapshot.Match(JToken.Parse(run.Transcript(name)), SnapshotNameExtension.Create(name));
    }

    [Fact]
    public void ScenarioRun_AllPassing_ExitsZero() => Assert.Equal(0, run.ExitCode);

    public static TheoryData<string> Names() => ScenarioFiles.Names();
}
