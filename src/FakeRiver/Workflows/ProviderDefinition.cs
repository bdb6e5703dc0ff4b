namespace FakeRiver.Workflows;

/// <summary>One provider of a workflow: who it claims to be, how it streams, and what fault it plays.</summary>
public sealed record ProviderDefinition
{
    /// <summary>The provider name reported on the wire, e.g. <c>openai</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>The model name reported on the wire, e.g. <c>gpt-4o-mini</c>.</summary>
    public required string Model { get; init; }

    /// <summary>Simulated (the default) or a real OpenAI-compatible endpoint.</summary>
    public ProviderType Type { get; init; } = ProviderType.Simulated;

    /// <summary>Base URL of an OpenAI-compatible server (type <c>openai</c>), e.g. http://127.0.0.1:11434/v1.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>
    /// Name of the environment variable (or configuration key) holding the API key sent as <c>Authorization: Bearer</c>
    /// (type <c>openai</c>); the key itself never goes in the workflow file.
    /// </summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>Type <c>openai</c>: file each attempt's stream is recorded to (<c>record_to</c>); null records nothing.</summary>
    public string? RecordTo { get; init; }

    /// <summary>Type <c>replay</c>: the recording it plays (<c>fixture</c>), loaded and checked with the workflow file.</summary>
    public Recording.StreamRecording? Replay { get; init; }

    /// <summary>Type <c>replay</c>: 1 = the recorded pace, 2 = twice as fast, 0 = no waiting. <value>1.</value></summary>
    public double ReplaySpeed { get; init; } = 1;

    /// <summary>Time to first token, in milliseconds.</summary>
    public int TtftMs { get; init; }

    /// <summary>Tokens per second after the first; 0 means no pacing.</summary>
    public double TokensPerSecond { get; init; }

    /// <summary>Seeded uniform jitter added to each token's delay, in milliseconds.</summary>
    public int JitterMs { get; init; }

    /// <summary>Attempt timeout in milliseconds; 0 means none.</summary>
    public int TimeoutMs { get; init; }

    /// <summary>The fault this provider plays on every attempt; null for none.</summary>
    public FaultDefinition? Fault { get; init; }
}
