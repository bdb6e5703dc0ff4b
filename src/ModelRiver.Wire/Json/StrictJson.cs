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
}
