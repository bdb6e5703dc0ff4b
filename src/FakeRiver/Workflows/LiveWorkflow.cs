namespace FakeRiver.Workflows;

/// <summary>A workflow in force, where it came from (<see cref="FromFile"/> or <see cref="FromAdmin"/>), and the project it is limited to.</summary>
internal sealed record LiveWorkflow(WorkflowDefinition Definition, string Source, string? Project)
{
    public const string FromFile = "file";

    public const string FromAdmin = "admin";
}
