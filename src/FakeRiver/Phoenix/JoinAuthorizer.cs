using FakeRiver.Requests;
using Microsoft.Extensions.Options;

namespace FakeRiver.Phoenix;

/// <summary>
/// Decides a join (docs/ARCHITECTURE.md 3.3): the topic must be <c>ai_response:{project_id}:{channel_id}</c> (or the
/// channel-only alias when allowed), both ids UUIDs, and both those of the socket's token and of a known request.
/// Checks run in that order, so the reason names the first thing wrong, as the SDK's messages assume.
/// </summary>
internal sealed class JoinAuthorizer(IRequestDirectory directory, IOptions<FakeRiverOptions> options)
{
    private const string Prefix = "ai_response:";

    public async ValueTask<JoinDecision> DecideAsync(string topic, TokenGrant grant)
    {
        if (!topic.StartsWith(Prefix, StringComparison.Ordinal)) return JoinDecision.Refuse(JoinReasons.InvalidChannelFormat);
        var parts = topic[Prefix.Length..].Split(':');
        string? projectId;
        string channelId;
        switch (parts.Length)
        {
            case 2:
                (projectId, channelId) = (parts[0], parts[1]);
                break;
            case 1 when options.Value.AcceptChannelOnlyTopic:
                (projectId, channelId) = (null, parts[0]);
                break;
            default:
                return JoinDecision.Refuse(JoinReasons.InvalidChannelFormat);
        }

        if (projectId is not null && !IsUuid(projectId)) return JoinDecision.Refuse(JoinReasons.InvalidProjectUuid);
        if (!IsUuid(channelId)) return JoinDecision.Refuse(JoinReasons.InvalidChannelUuid);

        // UUIDs compare case-insensitively, as Ecto.UUID casts them.
        var projectMatches = projectId is null || string.Equals(projectId, grant.ProjectId, StringComparison.OrdinalIgnoreCase);
        var channelMatches = string.Equals(channelId, grant.ChannelId, StringComparison.OrdinalIgnoreCase);
        if (!projectMatches || !channelMatches || await directory.FindAsync(grant.ChannelId) is not { } request)
        {
            return JoinDecision.Refuse(JoinReasons.UnauthorizedProjectAccess);
        }
        return JoinDecision.Accept(request);
    }

    /// <summary>The hyphenated 8-4-4-4-12 form only: braces, no-hyphen and other forms Guid accepts are not UUIDs here.</summary>
    private static bool IsUuid(string value) => value.Length == 36 && Guid.TryParseExact(value, "D", out _);
}
