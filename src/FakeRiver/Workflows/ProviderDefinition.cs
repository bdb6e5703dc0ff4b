namespace FakeRiver.Workflows;

/// <summary>One provider of a workflow: who it claims to be, how it streams, and what fault it plays.</summary>
public sealed record ProviderDefinition
{
    public required string Provider { get; init; }

    public required string Model { get; init; }

    public ProviderType Type { get; init; } = ProviderType.Simulated;

    /// <summary>Base URL of an OpenAI-compatible server (type <c>openai</c>), e.g. http://127.0.0.1:11434/v1.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>
    /// Name of the environment variable (or configuration key) holding the API key sent as <c>Authorization: Bearer</c>
    /// (type <c>openai</c>); the key itself never goes in the workflow file.
    /// </summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>Time to first token, in milliseconds.</summary>
    public int TtftMs { get; init; }

    /// <summary>Tokens per second after the first; 0 means no pacing.</summary>
    public double TokensPerSecond { get; init; }

    /// <summary>Seeded uniform jitter added to each token's delay, in milliseconds.</summary>
    public int JitterMs { get; init; }

    /// <summary>Attempt timeout in milliseconds; 0 means none.</summary>
    public int TimeoutMs { get; init; }

    public FaultDefinition? Fault { get; init; }
}
