namespace FakeRiver.Scenarios.Contracts;

/// <summary>One way a JSON message breaks its contract schema.</summary>
/// <param name="Path">JSON path of the offending node, e.g. <c>$.meta.attempts[0].status</c>.</param>
/// <param name="Rule">The schema rule that failed, with the alternative (anyOf/oneOf branch) it belongs to.</param>
/// <param name="Value">The offending value as compact JSON, or <c>(missing)</c>.</param>
public sealed record ContractViolation(string Path, string Rule, string Value)
{
    /// <summary>One line: <c>path: rule (value: ...)</c>.</summary>
    public override string ToString() => $"{Path}: {Rule} (value: {Value})";
}
