namespace FakeRiver.Requests;

/// <summary>Where a request is in its life. Final states never change again.</summary>
public enum RequestState
{
    /// <summary>Accepted; providers are running.</summary>
    Processing,

    /// <summary>Event-driven: AI output ready, webhook sent, waiting for the backend's callback.</summary>
    AwaitingCallback,

    /// <summary>Final (standard workflow): <c>response{status:"success"}</c> pushed.</summary>
    Succeeded,

    /// <summary>Final (event-driven): the callback arrived, <c>response{status:"completed"}</c> pushed.</summary>
    Completed,

    /// <summary>Final: <c>response{status:"error"}</c> pushed (providers failed, callback error or timeout).</summary>
    Failed,
}
