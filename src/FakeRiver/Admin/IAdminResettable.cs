namespace FakeRiver.Admin;

/// <summary>A store that <c>POST /__admin/reset</c> empties (requests, tokens, journals), wholly or for one project.</summary>
internal interface IAdminResettable
{
    void Reset();

    void Reset(ProjectReset project);
}
