namespace FakeRiver.Admin;

/// <summary>What a project-scoped reset forgets: the project's own records, found by project id or by channel id.</summary>
internal sealed record ProjectReset(string ProjectId, IReadOnlySet<string> ChannelIds);
