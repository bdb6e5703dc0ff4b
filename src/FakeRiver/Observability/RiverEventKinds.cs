namespace FakeRiver.Observability;

/// <summary>The kinds of <see cref="RiverEvent"/>; the dashboard's <c>data-kind</c> uses the same words.</summary>
public static class RiverEventKinds
{
    /// <summary>The request was accepted.</summary>
    public const string Accepted = "accepted";
    /// <summary>A provider attempt ended.</summary>
    public const string Attempt = "attempt";
    /// <summary>Tokens streamed (sampled).</summary>
    public const string Tokens = "tokens";
    /// <summary>A status event pushed on the channel.</summary>
    public const string Status = "status";
    /// <summary>A response event pushed on the channel.</summary>
    public const string Response = "response";
    /// <summary>A webhook attempt.</summary>
    public const string Webhook = "webhook";
    /// <summary>A callback received.</summary>
    public const string Callback = "callback";
    /// <summary>A socket joined the channel.</summary>
    public const string Join = "join";
    /// <summary>A socket closed.</summary>
    public const string Close = "close";
}
