namespace FakeRiver.Observability;

/// <summary>The kinds of <see cref="RiverEvent"/>; the dashboard's <c>data-kind</c> uses the same words.</summary>
public static class RiverEventKinds
{
    public const string Accepted = "accepted";
    public const string Attempt = "attempt";
    public const string Tokens = "tokens";
    public const string Status = "status";
    public const string Response = "response";
    public const string Webhook = "webhook";
    public const string Callback = "callback";
    public const string Join = "join";
    public const string Close = "close";
}
