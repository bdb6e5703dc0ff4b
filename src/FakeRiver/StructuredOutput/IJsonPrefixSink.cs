using System.Text;

namespace FakeRiver.StructuredOutput;

/// <summary>What <see cref="JsonPrefixScanner"/> reports; each method returns a violation (stop) or null (go on).</summary>
internal interface IJsonPrefixSink
{
    string? OnStartContainer(bool isObject);

    string? OnEndObject();

    string? OnEndArray();

    /// <summary>A string begins: a property name (<paramref name="isKey"/>) or a value.</summary>
    string? OnStringStart(bool isKey);

    /// <summary>One decoded character of the current string; <paramref name="content"/> holds it and all before.</summary>
    string? OnStringChar(char c, StringBuilder content);

    string? OnPropertyName(string name);

    /// <summary>A completed value string (decoded), number or literal (as written).</summary>
    string? OnScalar(string text, JsonScalarKind kind);
}
