namespace FakeRiver.Pipeline;

internal enum CallbackOutcome
{
    Accepted,

    /// <summary>The request already has its final response (completed, failed or timed out): 409.</summary>
    AlreadyFinal,

    /// <summary>The request is standard or its AI output is not ready yet: nothing waits for a callback (409).</summary>
    NotAwaiting,
}
