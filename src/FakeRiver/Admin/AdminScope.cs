using FakeRiver.Requests;

namespace FakeRiver.Admin;

/// <summary>
/// Which project an <c>/__admin</c> call is about: the <c>X-FakeRiver-Project</c> header or the <c>project</c>
/// query, holding a project id or an API key (meaning that key's project). Without either, everything.
/// </summary>
internal sealed record AdminScope(string? ProjectId)
{
    public const string Header = "X-FakeRiver-Project";

    public const string Query = "project";

    public static AdminScope Everything { get; } = new((string?)null);

    /// <summary>The scope of <paramref name="context"/>'s call, or the 400 answer when it names no project.</summary>
    public static (AdminScope? Scope, IResult? Error) Of(HttpContext context, ProjectKeys keys)
    {
        var header = context.Request.Headers[Header].ToString();
        var value = header.Length > 0 ? header : context.Request.Query[Query].ToString();
        if (value.Length == 0) return (Everything, null);
        if (keys.ScopeOf(value.Trim()) is { } project) return (new AdminScope(project), null);
        return (null, ApiErrors.BadRequest(
            $"{Header} (or ?{Query}=) must be a project id (a UUID) or an accepted API key", "invalid_project", Header));
    }

    /// <summary>
    /// Binds the scope of an admin handler's call. An invalid value never gets here: <see cref="AdminGuard"/> refuses
    /// it with a 400 before routing, once for every <c>/__admin</c> endpoint.
    /// </summary>
    public static ValueTask<AdminScope?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<AdminScope?>(Of(context, context.RequestServices.GetRequiredService<ProjectKeys>()).Scope ?? Everything);

    public bool Includes(RiverRequest request) => ProjectId is null || request.ProjectId == ProjectId;

    /// <summary>Whether a journal entry of <paramref name="channelId"/> belongs to the scope (entries of unknown channels only to everything).</summary>
    public bool IncludesChannel(string? channelId, RequestRegistry registry) =>
        ProjectId is null || (channelId is not null && registry.TryGet(channelId, out var request) && request.ProjectId == ProjectId);
}
