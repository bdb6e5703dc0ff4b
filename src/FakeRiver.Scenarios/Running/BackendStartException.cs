namespace FakeRiver.Scenarios.Running;

/// <summary>The backend given to the runner never came up; the run cannot start (exit code 2).</summary>
internal sealed class BackendStartException : Exception
{
    public BackendStartException()
    {
    }

    public BackendStartException(string message) : base(message)
    {
    }

    public BackendStartException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
