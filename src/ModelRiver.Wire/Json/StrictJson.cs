using System.Text.Json;

namespace ModelRiver.Wire.Json;

/// <summary>
/// Parser settings for every JSON text ChatBackend reads. Duplicate keys are refused while parsing: JsonNode would
/// otherwise accept them and throw later, on first access, which would turn bad input into a 500.
/// </summary>
public static class StrictJson
{
    /// <summary>Duplicate keys refused, nesting capped at 256 levels.</summary>
    public static JsonDocumentOptions Options { get; } = new() { AllowDuplicateProperties = false, MaxDepth = 256 };

    /// <summary>
    /// Parses with <paramref name="options"/>; every way the text can be wrong is a <see cref="JsonException"/>. The
    /// duplicate-key check unescapes each property name and throws InvalidOperationException on a lone surrogate
    /// escape (<c>{"\udfff":1}</c>): left alone, that surfaced as a 500 from whoever parsed a request body.
    /// </summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8, JsonDocumentOptions options)
    {
        try
        {
            return JsonDocument.Parse(utf8, options);
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException($"A property name is not valid Unicode: {e.Message}", e);
        }
    }

    /// <inheritdoc cref="Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>
    public static JsonDocument Parse(string text) => Parse(System.Text.Encoding.UTF8.GetBytes(text), Options);
}
