using System.Globalization;
using System.Text.Json.Nodes;

namespace Contract.Contracts;

/// <summary>Derives invalid samples from a valid one: set or remove the node at a dotted path (<c>meta.attempts.0.status</c>).</summary>
public static class SampleEdit
{
    public static string Set(string json, string path, string valueJson)
    {
        var root = Parse(json);
        var (parent, key) = Locate(root, path);
        var value = JsonNode.Parse(valueJson);
        if (parent is JsonArray array)
        {
            array[Index(key)] = value;
        }
        else
        {
            parent.AsObject()[key] = value;
        }

        return root.ToJsonString();
    }

    public static string Remove(string json, string path)
    {
        var root = Parse(json);
        var (parent, key) = Locate(root, path);
        if (parent is JsonArray array)
        {
            array.RemoveAt(Index(key));
        }
        else
        {
            Assert.True(parent.AsObject().Remove(key), $"Sample has no '{path}' to remove.");
        }

        return root.ToJsonString();
    }

    private static JsonNode Parse(string json) => JsonNode.Parse(json) ?? throw new ArgumentException("Sample is null.", nameof(json));

    private static (JsonNode Parent, string Key) Locate(JsonNode root, string path)
    {
        var segments = path.Split('.');
        var node = root;
        foreach (var segment in segments[..^1])
        {
            node = (node is JsonArray array ? array[Index(segment)] : node[segment])
                ?? throw new ArgumentException($"Sample has no '{segment}' on the way to '{path}'.", nameof(path));
        }

        return (node, segments[^1]);
    }

    private static int Index(string segment) => int.Parse(segment, CultureInfo.InvariantCulture);
}
