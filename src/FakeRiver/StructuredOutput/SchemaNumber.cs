using System.Globalization;
using System.Text.Json.Nodes;

namespace FakeRiver.StructuredOutput;

/// <summary>Reads numeric keywords as decimals, so bounds and multipleOf are honoured without binary rounding.</summary>
internal static class SchemaNumber
{
    /// <summary>Larger bounds are clamped: generated data never needs them and decimal would overflow.</summary>
    public const decimal Limit = 1_000_000_000_000m;

    public static decimal? Get(JsonObject schema, string keyword) =>
        schema[keyword] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? Parse(value.ToJsonString())
            : null;

    public static int? GetInt(JsonObject schema, string keyword) =>
        Get(schema, keyword) is { } value ? (int)Math.Clamp(value, 0, int.MaxValue) : null;

    /// <summary>A numeric keyword as a double, whatever the node holds (parsed JSON, or a number built from YAML).</summary>
    public static double? GetDouble(JsonObject? schema, string keyword) =>
        schema?[keyword] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    public static bool GetBool(JsonObject schema, string keyword) =>
        schema[keyword] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.True;

    private static decimal Parse(string text) =>
        double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) is var d && Math.Abs(d) >= (double)Limit
            ? Math.Sign(d) * Limit
            : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
