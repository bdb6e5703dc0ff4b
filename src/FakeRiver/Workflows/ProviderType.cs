namespace FakeRiver.Workflows;

/// <summary>How a provider produces its stream.</summary>
public enum ProviderType
{
    /// <summary>Built-in provider streaming seeded, schema-valid output.</summary>
    Simulated,

    /// <summary>Any OpenAI-compatible <c>chat/completions</c> endpoint, streamed over SSE.</summary>
    OpenAi,

    /// <summary>Plays back a recording of an <c>openai</c> attempt (its <c>fixture</c>), at the recorded pace or scaled.</summary>
    Replay,
}
