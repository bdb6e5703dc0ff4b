namespace FakeRiver.Scenarios.Checking;

/// <summary>One broken expectation or contract: the step it happened at, the rule, expected vs actual, the JSON path.</summary>
public sealed record ScenarioFailure(string Step, string Rule, string Expected, string Actual, string Path = "$")
{
    /// <summary>One line: <c>[step] rule at path: expected ..., got ...</c>.</summary>
    public override string ToString() => $"[{Step}] {Rule} at {Path}: expected {Expected}, got {Actual}";
}
