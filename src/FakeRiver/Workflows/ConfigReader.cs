using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace FakeRiver.Workflows;

/// <summary>
/// Typed reads of YAML nodes that record, instead of throw, every error as <c>source:line: path: message</c>.
/// Shared by the workflow file and any other YAML format that embeds workflows.
/// </summary>
internal sealed class ConfigReader(string source)
{
    private readonly List<string> _errors = [];

    public string Source { get; } = source;

    public IReadOnlyList<string> Errors => _errors;

    public void Fail(YamlNode node, string path, string message) =>
        _errors.Add($"{Source}:{node.Start.Line}: {path}: {message}");

    public void ThrowIfFailed()
    {
        if (_errors.Count > 0) throw new WorkflowConfigException(_errors);
    }

    /// <summary>A mapping whose keys are all in <paramref name="allowed"/>: a typo must not pass silently.</summary>
    public YamlMappingNode? Mapping(YamlNode node, string path, IReadOnlyCollection<string> allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            Fail(node, path, $"expected a mapping, got {Describe(node)}");
            return null;
        }
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name)) Fail(key, Join(path, name), $"unknown key; expected one of {string.Join(", ", allowed)}");
        }
        return mapping;
    }

    public static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string? RequiredString(YamlMappingNode mapping, string path, string key)
    {
        if (Child(mapping, key) is { } node) return String(node, Join(path, key));
        Fail(mapping, Join(path, key), "required");
        return null;
    }

    public string? String(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } text } scalar && !IsNull(scalar)) return text;
        Fail(node, path, $"expected a non-empty string, got {Describe(node)}");
        return null;
    }

    public int NonNegativeInt(YamlMappingNode mapping, string path, string key, int fallback) =>
        Child(mapping, key) is { } node ? IntIn(node, Join(path, key), 0, int.MaxValue, "a non-negative integer") ?? fallback : fallback;

    public int? IntIn(YamlNode node, string path, int min, int max, string expected)
    {
        if (node is YamlScalarNode { Value: { } text }
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }
        Fail(node, path, $"expected {expected}, got {Describe(node)}");
        return null;
    }

    public double NonNegativeNumber(YamlMappingNode mapping, string path, string key)
    {
        if (Child(mapping, key) is not { } node) return 0;
        if (node is YamlScalarNode { Value: { } text }
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value >= 0 && double.IsFinite(value))
        {
            return value;
        }
        Fail(node, Join(path, key), $"expected a non-negative number, got {Describe(node)}");
        return 0;
    }

    public bool Bool(YamlMappingNode mapping, string path, string key)
    {
        if (Child(mapping, key) is not { } node) return false;
        if (node is YamlScalarNode { Value: { } text } && bool.TryParse(text, out var value)) return value;
        Fail(node, Join(path, key), $"expected true or false, got {Describe(node)}");
        return false;
    }

    /// <summary>One of the snake_case <paramref name="names"/>; the error lists them.</summary>
    public T? Choice<T>(YamlNode node, string path, IReadOnlyDictionary<string, T> names)
        where T : struct
    {
        if (node is YamlScalarNode { Value: { } text } && names.TryGetValue(text, out var value)) return value;
        Fail(node, path, $"expected one of {string.Join(", ", names.Keys)}, got {Describe(node)}");
        return null;
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>How a value is shown in an error: scalars quoted as written, containers by kind.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode scalar when IsNull(scalar) => "nothing",
        YamlScalarNode scalar => $"\"{scalar.Value}\"",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };
}
