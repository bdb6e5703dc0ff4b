namespace FakeRiver.Scenarios.Model;

/// <summary>Expected webhook deliveries: how many, how many attempts in all, and the last delivery's state.</summary>
public sealed record ExpectedWebhook(int? Deliveries, int? Attempts, string? State, string? Type);
