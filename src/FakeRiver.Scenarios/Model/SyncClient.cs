namespace FakeRiver.Scenarios.Model;

/// <summary>
/// The sync step: instead of the browser's chat, the runner plays a backend calling <c>POST /v1/ai</c> directly,
/// <see cref="Requests"/> times in a row, answering a 429 as <see cref="On429"/> says.
/// </summary>
internal sealed record SyncClient
{
    /// <summary><c>raw</c> or <c>wrapped</c>; null sends no <c>format</c> (the default, raw).</summary>
    public FakeRiver.Sync.SyncFormat? Format { get; init; }

    public int Requests { get; init; } = 1;

    public SyncRetryPolicy On429 { get; init; } = SyncRetryPolicy.GiveUp;

    /// <summary>Retries per request after a 429 (retry policies only).</summary>
    public int MaxRetries { get; init; } = 3;
}
