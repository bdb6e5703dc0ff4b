using System.Text.Json.Nodes;

namespace FakeRiver.StructuredOutput;

/// <summary>
/// Seeded, schema-valid sample data for any JSON Schema: what simulated providers answer, what test mode returns and
/// what <c>offline_fallback</c> fabricates. The same schema and seed give the same JSON text, byte for byte, because
/// every random draw comes from one Bogus randomizer (<see cref="FakeSource"/>) seeded here and properties are visited in schema order.
/// </summary>
internal static class FakeDataGenerator
{
    /// <summary>A value that satisfies <paramref name="schema"/>; null only when the schema asks for null.</summary>
    public static JsonNode? Generate(JsonObject schema, int seed)
    {
        return new FakeValueWriter(schema, new FakeSource(seed)).Write(schema, hint: "", depth: 0);
    }

    /// <summary>The generated value as compact JSON text.</summary>
    public static string GenerateJson(JsonObject schema, int seed) =>
        Generate(schema, seed)?.ToJsonString(WireJson.Options) ?? "null";
}
