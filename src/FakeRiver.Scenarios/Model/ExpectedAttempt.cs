namespace FakeRiver.Scenarios.Model;

/// <summary>One expected entry of <c>meta.attempts</c>; null fields are not checked.</summary>
public sealed record ExpectedAttempt(string? Provider, string? Status, string? Reason);
