namespace FakeRiver.StructuredOutput;

/// <summary>One schema violation: where (a JSON path from <c>$</c>) and what.</summary>
internal sealed record OutputError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
