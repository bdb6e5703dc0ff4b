namespace FakeRiver.Phoenix;

/// <summary>The join refusal reasons the official SDK recognises (docs/wire-contract.md 4.4).</summary>
internal static class JoinReasons
{
    public const string InvalidChannelFormat = "invalid_channel_format";
    public const string InvalidProjectUuid = "invalid_project_uuid";
    public const string InvalidChannelUuid = "invalid_channel_uuid";
    public const string UnauthorizedProjectAccess = "unauthorized_project_access";

    /// <summary>What Phoenix itself answers for a message on a topic the socket has not joined.</summary>
    public const string UnmatchedTopic = "unmatched topic";
}
