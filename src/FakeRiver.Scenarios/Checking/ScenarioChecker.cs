using FakeRiver.Scenarios.Contracts;
using FakeRiver.Scenarios.Model;
using FakeRiver.Scenarios.Running;

namespace FakeRiver.Scenarios.Checking;

/// <summary>Every check of one run: contracts, the stream invariant (unless switched off), the expectations.</summary>
internal static class ScenarioChecker
{
    public static IReadOnlyList<ScenarioFailure> Check(Scenario scenario, Observation seen, ContractSchemaSet contracts)
    {
        var failures = new List<ScenarioFailure>();
        failures.AddRange(ExpectationChecks.Check(scenario, seen));
        if (scenario.Expect.Stream) failures.AddRange(StreamChecks.Check(scenario, seen));
        failures.AddRange(ContractChecks.Check(seen, contracts));
        return failures;
    }
}
