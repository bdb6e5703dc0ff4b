using System.Text.Json.Nodes;

namespace FakeRiver.Workflows;

/// <summary>A saved workflow as FakeRiver runs it: compiled from the YAML workflow file.</summary>
public sealed record WorkflowDefinition
{
    public required string Name { get; init; }

    /// <summary>Event name of an event-driven workflow; null for a standard workflow.</summary>
    public string? EventName { get; init; }

    /// <summary>Name of the structured output under <c>structured_outputs</c>, or null when inline or absent.</summary>
    public string? OutputSchemaName { get; init; }

    /// <summary>The compiled JSON Schema the output must satisfy; null for unstructured text output.</summary>
    public JsonObject? OutputSchema { get; init; }

    /// <summary>
    /// Plain-text workflows only: simulated providers write exactly this many tokens (lorem words) instead of a
    /// three-sentence paragraph of varying length. Null keeps the paragraph. Load benchmarks need an exact count.
    /// </summary>
    public int? TextTokens { get; init; }

    public OnInvalidMode OnInvalid { get; init; } = OnInvalidMode.NextProvider;

    /// <summary>Test mode: sample data after <see cref="TestModeDelayMs"/>, no provider called.</summary>
    public bool TestMode { get; init; }

    public int TestModeDelayMs { get; init; }

    /// <summary>The gateway's rate limit for this workflow (<c>rate_limit</c>); null for none.</summary>
    public RateLimitRule? RateLimit { get; init; }

    /// <summary>Providers in failover order; the first is the primary.</summary>
    public required IReadOnlyList<ProviderDefinition> Providers { get; init; }

    public bool IsEventDriven => EventName is not null;
}
