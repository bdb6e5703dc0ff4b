namespace FakeRiver.Phoenix;

/// <summary>The reserved Phoenix event and topic names.</summary>
internal static class PhoenixEvents
{
    public const string Join = "phx_join";
    public const string Leave = "phx_leave";
    public const string Reply = "phx_reply";
    public const string Close = "phx_close";
    public const string Error = "phx_error";
    public const string Heartbeat = "heartbeat";

    /// <summary>The socket-level topic of the transport heartbeat.</summary>
    public const string SocketTopic = "phoenix";
}
