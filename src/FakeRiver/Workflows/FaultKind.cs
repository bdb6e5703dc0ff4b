namespace FakeRiver.Workflows;

public enum FaultKind
{
    ConnectionReset,
    Timeout,
    InvalidOutput,
}
