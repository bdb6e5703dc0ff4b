namespace FakeRiver.Scenarios.Model;

/// <summary>Expected backend callbacks: how many, FakeRiver's answer to the first, and keys its data must carry.</summary>
public sealed record ExpectedCallback(int? Count, int? Status, IReadOnlyList<string> DataHas);
