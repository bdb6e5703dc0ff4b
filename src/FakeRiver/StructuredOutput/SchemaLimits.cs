using System.Text;
using System.Text.Json.Nodes;

namespace FakeRiver.StructuredOutput;

/// <summary>
/// Bounds on a structured-output schema, checked before a request is accepted (ad-hoc schemas: 400) or a workflow
/// file is loaded: the fake generates and checks output shaped by the schema, so a caller must not be able to make
/// it produce or scan unbounded text. Documented in README ("Structured output limits").
/// </summary>
internal static class SchemaLimits
{
    /// <summary>The schema's JSON, UTF-8.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Nesting of the schema document (objects and arrays).</summary>
    public const int MaxDepth = 32;

    /// <summary>Any <c>minItems</c> / <c>maxItems</c>.</summary>
    public const int MaxItems = 1_000;

    /// <summary>Any <c>minLength</c> / <c>maxLength</c>.</summary>
    public const int MaxLength = 10_000;

    /// <summary>Any <c>minProperties</c> / <c>maxProperties</c>.</summary>
    public const int MaxProperties = 1_000;

    /// <summary>
    /// Along any path of the schema, the product of how many values each level may generate (array item counts,
    /// padded properties) times the leaf's <c>minLength</c>: a bound on the text one generated output holds.
    /// </summary>
    public const long MaxGeneratedSize = 1_000_000;

    private static readonly string[] DataKeywords = ["enum", "const", "default", "examples"];

    /// <summary>Null when the schema is within every limit; else the first limit it breaks.</summary>
    public static SchemaLimitViolation? Check(JsonObject schema)
    {
        var bytes = Encoding.UTF8.GetByteCount(schema.ToJsonString());
        if (bytes > MaxBytes) return new("MaxBytes", $"the schema is {bytes} bytes; the limit is {MaxBytes}");
        return CheckNode(schema, 1) ?? new GeneratedSizeWalk(schema).Check();
    }

    private static SchemaLimitViolation? CheckNode(JsonNode? node, int depth)
    {
        if (node is not (JsonObject or JsonArray)) return null;
        if (depth > MaxDepth) return new("MaxDepth", $"the schema nests deeper than {MaxDepth} levels");
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (CheckNode(item, depth + 1) is { } violation) return violation;
            }
            return null;
        }
        foreach (var (key, value) in (JsonObject)node)
        {
            if (Keyword(key, value) is { } keywordViolation) return keywordViolation;
            // Values of data keywords are data: only their depth counts.
            var child = DataKeywords.Contains(key) ? DepthOnly(value, depth + 1) : CheckNode(value, depth + 1);
            if (child is not null) return child;
        }
        return null;
    }

    private static SchemaLimitViolation? Keyword(string key, JsonNode? value)
    {
        var (limit, max) = key switch
        {
            "minItems" or "maxItems" => ("MaxItems", MaxItems),
            "minLength" or "maxLength" => ("MaxLength", MaxLength),
            "minProperties" or "maxProperties" => ("MaxProperties", MaxProperties),
            _ => (null, 0),
        };
        if (limit is null || value is not JsonValue number || number.GetValueKind() != System.Text.Json.JsonValueKind.Number) return null;
        var n = double.Parse(number.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        return n > max ? new(limit, $"{key} {number.ToJsonString()} is above the limit of {max}") : null;
    }

    private static SchemaLimitViolation? DepthOnly(JsonNode? node, int depth)
    {
        if (node is not (JsonObject or JsonArray)) return null;
        if (depth > MaxDepth) return new("MaxDepth", $"the schema nests deeper than {MaxDepth} levels");
        var children = node is JsonObject obj ? obj.Select(p => p.Value) : (JsonArray)node;
        foreach (var child in children)
        {
            if (DepthOnly(child, depth + 1) is { } violation) return violation;
        }
        return null;
    }
}
