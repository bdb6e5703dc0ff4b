using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FakeRiver.Scenarios.Reporting;

/// <summary>
/// Replaces what differs between runs of the same scenario and seed — ids, tokens, wall-clock-looking timestamps —
/// by stable placeholders numbered in order of first appearance (<c>&lt;channel_id:1&gt;</c>, <c>&lt;ws_token:2&gt;</c>,
/// <c>&lt;t+1500ms&gt;</c>), so two runs compare byte for byte.
/// </summary>
internal sealed partial class TranscriptNormalizer(DateTimeOffset start)
{
    private static readonly Dictionary<string, string> KindByKey = new(StringComparer.Ordinal)
    {
        ["channel_id"] = "channel_id",
        ["ws_token"] = "ws_token",
        ["project_id"] = "project_id",
        ["id"] = "id",
        ["task_id"] = "id",
        ["record_id"] = "id",
        ["message_id"] = "id",
        ["conversation_id"] = "conversation_id",
    };

    private readonly Dictionary<string, string> _placeholders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public JsonNode Normalize(JsonNode transcript)
    {
        Learn(transcript, null);
        return Rewrite(transcript, null)!;
    }

    // Pass 1: name every id-like value by the key it first appears under, in document order.
    private void Learn(JsonNode? node, string? key)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (k, v) in obj) Learn(v, k);
                break;
            case JsonArray array:
                foreach (var item in array) Learn(item, key);
                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && text.Length > 0:
                if (key is not null && KindByKey.TryGetValue(key, out var kind)) Name(text, kind);
                foreach (Match m in Uuid().Matches(text)) Name(m.Value, "uuid");
                break;
        }
    }

    private void Name(string value, string kind)
    {
        if (_placeholders.ContainsKey(value)) return;
        var n = _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
        _placeholders[value] = $"<{kind}:{n}>";
    }

    // Pass 2: replace known values (also inside longer strings: topics, URLs) and absolute timestamps.
    private JsonNode? Rewrite(JsonNode? node, string? key)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (k, v) in obj) copy[k] = Rewrite(v, k);
                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Rewrite(item, key))]);
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(RewriteText(text));
            case JsonValue value when key == "timestamp" && value.TryGetValue<long>(out var ms) && ms > 1_000_000_000_000:
                return JsonValue.Create(TranscriptBuilder.At(DateTimeOffset.FromUnixTimeMilliseconds(ms), start));
            default:
                return node?.DeepClone();
        }
    }

    private string RewriteText(string text)
    {
        if (_placeholders.TryGetValue(text, out var whole)) return whole;
        var result = Uuid().Replace(text, m => _placeholders.GetValueOrDefault(m.Value, m.Value));
        foreach (var (value, placeholder) in _placeholders.Where(p => p.Key.Length >= 16 && result.Contains(p.Key, StringComparison.Ordinal)))
            result = result.Replace(value, placeholder, StringComparison.Ordinal);
        return IsoTime().Replace(result, m =>
            DateTimeOffset.TryParse(m.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? TranscriptBuilder.At(t, start) : m.Value);
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")]
    private static partial Regex IsoTime();
}
