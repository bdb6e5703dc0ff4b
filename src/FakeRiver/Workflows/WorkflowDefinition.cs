using System.Text.Json.Nodes;

namespace FakeRiver.Workflows;

/// <summary>A saved workflow as FakeRiver runs it: compiled from the YAML workflow file.</summary>
public sealed record WorkflowDefinition
{
    /// <summary>The workflow name requests give in <c>workflow</c>.</summary>
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

    /// <summary>What happens when output fails the structured output schema; the default tries the next provider.</summary>
    public OnInvalidMode OnInvalid { get; init; } = OnInvalidMode.NextProvider;

    /// <summary>Test mode: sample data after <see cref="TestModeDelayMs"/>, no provider called.</summary>
    public bool TestMode { get; init; }

    /// <summary>Test mode: milliseconds before the sample data is sent.</summary>
    public int TestModeDelayMs { get; init; }

    /// <summary>The gateway's rate limit for this workflow (<c>rate_limit</c>); null for none.</summary>
    public RateLimitRule? RateLimit { get; init; }

    /// <summary>Providers in failover order; the first is the primary.</summary>
    public required IReadOnlyList<ProviderDefinition> Providers { get; init; }

    /// <summary>An event-driven workflow (it has an <see cref="EventName"/>): the backend must call back.</summary>
    public bool IsEventDriven => EventName is not null;
}
