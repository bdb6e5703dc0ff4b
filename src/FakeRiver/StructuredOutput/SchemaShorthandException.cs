namespace FakeRiver.StructuredOutput;

/// <summary>A shorthand type that does not parse; the message names the field, the position and what was expected.</summary>
internal sealed class SchemaShorthandException : FormatException
{
    public SchemaShorthandException(string field, string shorthand, int position, string expected)
        : base($"{field}: expected {expected} at position {position} in \"{shorthand}\"")
    {
        Field = field;
        Shorthand = shorthand;
        Position = position;
        Expected = expected;
    }

    public SchemaShorthandException()
    {
        Field = Shorthand = Expected = "";
    }

    public SchemaShorthandException(string message) : base(message)
    {
        Field = Shorthand = Expected = "";
    }

    public SchemaShorthandException(string message, Exception innerException) : base(message, innerException)
    {
        Field = Shorthand = Expected = "";
    }

    /// <summary>The field whose shorthand failed (dotted for nested objects).</summary>
    public string Field { get; }

    public string Shorthand { get; }

    /// <summary>1-based character position in <see cref="Shorthand"/>.</summary>
    public int Position { get; }

    public string Expected { get; }
}
