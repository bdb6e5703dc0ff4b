namespace FakeRiver.Requests;

/// <summary>What an injected webhook fault does to an attempt.</summary>
internal enum WebhookFaultMode
{
    /// <summary>The attempt is answered with a status, as a failing backend would.</summary>
    Status,

    /// <summary>The connection is refused (the backend is down).</summary>
    Refuse,

    /// <summary>The attempt never gets an answer and runs into the attempt timeout.</summary>
    Timeout,

    /// <summary>The attempt is delivered with a signature that does not match.</summary>
    BadSignature,
}
