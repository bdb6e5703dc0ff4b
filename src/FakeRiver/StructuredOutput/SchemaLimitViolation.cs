namespace FakeRiver.StructuredOutput;

/// <summary>A schema over one of the <see cref="SchemaLimits"/>: which limit (its documented name) and why.</summary>
internal sealed record SchemaLimitViolation(string Limit, string Message);
