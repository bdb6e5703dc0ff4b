using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FakeRiver.Workflows;

/// <summary>
/// YAML to JSON, for schemas written in YAML. Plain scalars follow the YAML core schema (null, booleans, numbers);
/// quoted scalars are always strings, so <c>"1"</c> stays text.
/// </summary>
internal static class YamlJson
{
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToObject(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonObject ToObject(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children) result[(key as YamlScalarNode)?.Value ?? key.ToString()] = ToJson(value);
        return result;
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(text);
        if (ConfigReader.IsNull(scalar)) return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return JsonValue.Create(integer);
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && text.Any(char.IsAsciiDigit))
        {
            return JsonValue.Create(number);
        }
        return JsonValue.Create(text);
    }
}
