namespace FakeRiver.StructuredOutput;

/// <summary>The kind of a completed JSON scalar, as the prefix scanner reports it.</summary>
internal enum JsonScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}
