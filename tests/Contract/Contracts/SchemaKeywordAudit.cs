using System.Text.Json.Nodes;

namespace Contract.Contracts;

/// <summary>
/// Finds schema constructs NJsonSchema 11.6.2 parses but silently does not enforce (const, if/then/else, contains,
/// propertyNames, dependencies, later-draft keywords) or cannot parse (boolean sub-schemas other than
/// additionalProperties/additionalItems). Returns their paths.
/// </summary>
public static class SchemaKeywordAudit
{
    private static readonly HashSet<string> Unenforced = new(StringComparer.Ordinal)
    {
        "const", "if", "then", "else", "contains", "propertyNames", "dependencies",
        "dependentRequired", "dependentSchemas", "prefixItems", "unevaluatedProperties", "unevaluatedItems",
    };

    private static readonly HashSet<string> SchemaMaps = new(StringComparer.Ordinal) { "properties", "definitions", "patternProperties" };
    private static readonly HashSet<string> SchemaLists = new(StringComparer.Ordinal) { "anyOf", "allOf", "oneOf" };

    public static IReadOnlyList<string> Find(JsonNode schema)
    {
        var findings = new List<string>();
        VisitSchema(schema, "$", findings);
        return findings;
    }

    private static void VisitSchema(JsonNode? node, string path, List<string> findings)
    {
        if (node is not JsonObject schema)
        {
            findings.Add($"{path}: sub-schema is not an object (boolean schemas break NJsonSchema)");
            return;
        }

        foreach (var (key, value) in schema)
        {
            var here = $"{path}.{key}";
            if (Unenforced.Contains(key))
            {
                findings.Add($"{here}: keyword '{key}' is not enforced by NJsonSchema (use a one-value enum, anyOf or not)");
            }
            else if (SchemaMaps.Contains(key) && value is JsonObject map)
            {
                foreach (var (name, child) in map)
                {
                    VisitSchema(child, $"{here}.{name}", findings);
                }
            }
            else if (SchemaLists.Contains(key) && value is JsonArray list)
            {
                VisitList(list, here, findings);
            }
            else if (key == "not" || (key is "items" or "additionalItems" or "additionalProperties" && value is JsonObject))
            {
                VisitSchema(value, here, findings);
            }
            else if (key == "items" && value is JsonArray tuple)
            {
                VisitList(tuple, here, findings);
            }
        }
    }

    private static void VisitList(JsonArray list, string path, List<string> findings)
    {
        for (var i = 0; i < list.Count; i++)
        {
            VisitSchema(list[i], $"{path}[{i}]", findings);
        }
    }
}
