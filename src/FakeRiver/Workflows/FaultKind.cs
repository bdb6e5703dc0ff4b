namespace FakeRiver.Workflows;

/// <summary>Provider faults that are not an HTTP status.</summary>
public enum FaultKind
{
    /// <summary>The connection drops (before the first token, or after <c>after_tokens</c>).</summary>
    ConnectionReset,
    /// <summary>The provider stops answering; the attempt ends at its timeout.</summary>
    Timeout,
    /// <summary>The provider streams output that fails the workflow's structured output schema.</summary>
    InvalidOutput,
}
