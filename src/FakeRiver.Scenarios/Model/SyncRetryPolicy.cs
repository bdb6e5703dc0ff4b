namespace FakeRiver.Scenarios.Model;

/// <summary>What the sync caller (the backend's code) does when FakeRiver answers 429.</summary>
internal enum SyncRetryPolicy
{
    /// <summary>Takes the 429 as the answer.</summary>
    GiveUp,

    /// <summary>Waits the seconds of <c>Retry-After</c>, then sends the request again.</summary>
    RetryAfter,

    /// <summary>Sends the request again at once (a client that ignores <c>Retry-After</c>).</summary>
    Immediately,
}
