namespace FakeRiver.Scenarios.Loading;

/// <summary>A scenario file is wrong. Each error reads <c>file:line: field.path: what was expected, got what</c>.</summary>
public sealed class ScenarioFormatException : Exception
{
    /// <summary>All problems found, each as <c>file:line: field: what was wrong</c>.</summary>
    public ScenarioFormatException(IReadOnlyList<string> errors)
        : base(errors.Count == 1 ? errors[0] : $"{errors.Count} errors in scenario files:\n" + string.Join('\n', errors))
    {
        Errors = errors;
    }

    /// <summary>An exception without details.</summary>
    public ScenarioFormatException() : this([])
    {
    }

    /// <summary>One problem.</summary>
    public ScenarioFormatException(string message) : this([message])
    {
    }

    /// <summary>One problem, caused by <paramref name="innerException"/>.</summary>
    public ScenarioFormatException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Every problem found, in file order: all are reported at once.</summary>
    public IReadOnlyList<string> Errors { get; }
}
