using FakeRiver.Requests;

namespace FakeRiver.Pipeline;

/// <summary>What a run of the failover router produced: the data, or the failure, and every attempt made.</summary>
internal sealed record RunOutcome(
    AiOutput? Data,
    IReadOnlyList<AttemptRecord> Attempts,
    string? Provider,
    string? Model,
    bool OfflineFallback = false,
    bool TestMode = false)
{
    public bool Success => Data is not null;
}
