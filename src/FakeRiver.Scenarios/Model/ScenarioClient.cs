namespace FakeRiver.Scenarios.Model;

/// <summary>What the browser does: what it asks, and how it joins, drops and comes back.</summary>
public sealed record ScenarioClient
{
    /// <summary>The chat message sent to the backend.</summary>
    public string Message { get; init; } = "Hello";

    /// <summary>Drop the socket (without a close handshake) after this many tokens; null keeps it.</summary>
    public int? DisconnectAfterTokens { get; init; }

    /// <summary>After a drop, get a fresh token from FakeRiver's reconnect endpoint and rejoin with <c>last_seq</c>.</summary>
    public bool Reconnect { get; init; }

    /// <summary>Join only after the request has finished (the result must have been buffered).</summary>
    public bool JoinLate { get; init; }

    /// <summary>False: nobody joins the channel (webhook-only stories).</summary>
    public bool Join { get; init; } = true;

    /// <summary>The sync step: call <c>POST /v1/ai</c> instead of the backend's chat; null plays the browser.</summary>
    internal SyncClient? Sync { get; init; }

    /// <summary>After joining, try a second socket with the same ws_token (it must be refused with 403).</summary>
    public bool ReuseToken { get; init; }
}
