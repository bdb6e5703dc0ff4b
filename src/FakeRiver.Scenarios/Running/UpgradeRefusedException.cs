namespace FakeRiver.Scenarios.Running;

/// <summary>FakeRiver refused the WebSocket upgrade (a used, expired or unknown token answers 403).</summary>
internal sealed class UpgradeRefusedException : Exception
{
    public UpgradeRefusedException(int status, string message) : base(message) => Status = status;

    public UpgradeRefusedException() : this(0, "upgrade refused")
    {
    }

    public UpgradeRefusedException(string message) : this(0, message)
    {
    }

    public UpgradeRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The HTTP status of the refusal; 0 when unknown.</summary>
    public int Status { get; }
}
