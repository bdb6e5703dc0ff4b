using System.Text.Json.Nodes;

namespace FakeRiver.StructuredOutput;

/// <summary>What the streaming gate reads from a sub-schema while the output is still incomplete.</summary>
internal static class GateSchema
{
    /// <summary>Only plain sub-schemas are checked incrementally; references and combinators wait for the end.</summary>
    public static bool Checkable(JsonObject? schema) =>
        schema is not null && !schema.ContainsKey("$ref") && !schema.ContainsKey("anyOf") && !schema.ContainsKey("oneOf")
        && !schema.ContainsKey("allOf") && !schema.ContainsKey("not");

    public static bool TypeAllows(JsonObject? schema, string type)
    {
        if (!Checkable(schema) || schema!["type"] is not { } declared) return true;
        return declared switch
        {
            JsonValue single => single.GetValue<string>() == type || (type == "integer" && single.GetValue<string>() == "number"),
            JsonArray many => many.Any(t => t?.GetValue<string>() == type),
            _ => true,
        };
    }
}
