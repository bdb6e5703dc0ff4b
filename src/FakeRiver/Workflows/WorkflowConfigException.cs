namespace FakeRiver.Workflows;

/// <summary>
/// The workflow file is wrong. Each error reads <c>file:line: field.path: what was expected, got what</c>, so the
/// message alone tells the user where to look; start-up stops with it.
/// </summary>
public sealed class WorkflowConfigException : Exception
{
    /// <summary>All problems found in a workflow file, each as <c>file:line: field: what was wrong</c>.</summary>
    public WorkflowConfigException(IReadOnlyList<string> errors)
        : base(errors.Count == 1 ? errors[0] : $"{errors.Count} errors in the workflow file:\n" + string.Join('\n', errors))
    {
        Errors = errors;
    }

    /// <summary>An exception without details.</summary>
    public WorkflowConfigException() : this([])
    {
    }

    /// <summary>One problem.</summary>
    public WorkflowConfigException(string message) : base(message)
    {
        Errors = [message];
    }

    /// <summary>One problem, caused by <paramref name="innerException"/> (e.g. an unreadable file).</summary>
    public WorkflowConfigException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Every problem found, in file order; the loader reports them all at once rather than one per run.</summary>
    public IReadOnlyList<string> Errors { get; }
}
