namespace FakeRiver.Scenarios.Checking;

/// <summary>One broken expectation or contract: the step it happened at, the rule, expected vs actual, the JSON path.</summary>
public sealed record ScenarioFailure(string Step, string Rule, string Expected, string Actual, string Path = "$")
{
    public override string ToString() => $"[{Step}] {Rule} at {Path}: expected {Expected}, got {Actual}";
}
