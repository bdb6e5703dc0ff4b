using System.Xml.Linq;
using Contract.Infrastructure;
using FakeRiver.Scenarios.Loading;
using FakeRiver.Scenarios.Reporting;
using FakeRiver.Scenarios.Running;

namespace Contract.Scenarios;

/// <summary><c>requires: [virtual_time]</c>: skipped with the reason on real time, in the result and the JUnit file.</summary>
public class ScenarioRequirementTests
{
    private const string NeedsVirtualTime = """
        name: slow
        requires: [virtual_time]
        workflow:
          name: w
          providers:
            - provider: p
              model: m
        """;

    [Fact]
    public async Task Runner_VirtualTimeScenarioOnRealTime_SkippedWithReasonAndNotPlayed()
    {
        var world = new RealTimeWorld();
        var runner = new ScenarioRunner(ContractSchemas.Set, (_, _) => Task.FromResult<IScenarioWorld>(world));

        var result = await runner.RunAsync(ScenarioLoader.Load(NeedsVirtualTime, "slow.yaml"));

        Assert.True(result.Skipped);
        Assert.True(result.Passed);
        Assert.Contains("needs virtual time", result.SkipReason);
        Assert.True(world.Disposed);
    }

    [Fact]
    public void JUnit_SkippedScenario_SkippedElementWithReason()
    {
        var scenario = ScenarioLoader.Load(NeedsVirtualTime, "slow.yaml");
        var result = new ScenarioResult(scenario, 1, [], new System.Text.Json.Nodes.JsonObject(), TimeSpan.Zero, TimeSpan.Zero, "needs virtual time");
        var file = Path.Combine(Path.GetTempPath(), $"junit-{Guid.NewGuid():N}.xml");
        try
        {
            JUnitWriter.Write(file, [result], TimeSpan.Zero);

            var suite = XDocument.Load(file).Descendants("testsuite").Single();
            Assert.Equal("1", (string?)suite.Attribute("skipped"));
            Assert.Equal("0", (string?)suite.Attribute("failures"));
            Assert.Equal("needs virtual time", (string?)suite.Descendants("skipped").Single().Attribute("message"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Load_UnknownRequirement_ErrorNamesTheField()
    {
        var error = Assert.Throws<ScenarioFormatException>(() =>
            ScenarioLoader.Load(NeedsVirtualTime.Replace("[virtual_time]", "[gpu]", StringComparison.Ordinal), "slow.yaml"));

        Assert.Contains(error.Errors, e => e.Contains("requires[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SyncWithSocketOptions_Rejected()
    {
        var yaml = NeedsVirtualTime + "\nclient:\n  sync: {}\n  disconnect_after_tokens: 2\n";

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(yaml, "slow.yaml"));

        Assert.Contains(error.Errors, e => e.Contains("client.sync", StringComparison.Ordinal));
    }
}
