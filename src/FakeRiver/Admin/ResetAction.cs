namespace FakeRiver.Admin;

/// <summary>Adapts a store's clear methods to <see cref="IAdminResettable"/> without the store knowing about admin.</summary>
internal sealed class ResetAction(Action reset, Action<ProjectReset> resetProject) : IAdminResettable
{
    public void Reset() => reset();

    public void Reset(ProjectReset project) => resetProject(project);
}
