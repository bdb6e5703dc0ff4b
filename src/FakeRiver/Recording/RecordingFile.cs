using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeRiver.Recording;

/// <summary>
/// Reads and writes recordings as JSON (format <see cref="StreamRecording.FormatName"/>). Writes go to a temporary
/// file first and then replace the target, so a reader never sees half a recording.
/// </summary>
internal static class RecordingFile
{
    private static readonly JsonSerializerOptions Indented = new(WireJson.Options) { WriteIndented = true };

    public static void Write(string path, StreamRecording recording)
    {
        var json = new JsonObject
        {
            ["format"] = StreamRecording.FormatName,
            ["provider"] = recording.Provider,
            ["model"] = recording.Model,
            ["end"] = recording.End,
            ["end_ms"] = recording.EndMs,
            ["fault"] = recording.Fault,
            ["status"] = recording.Status,
            ["retry_after_seconds"] = recording.RetryAfterSeconds,
            ["finish_reason"] = recording.FinishReason,
            ["usage"] = recording.Usage?.DeepClone(),
            ["truncated"] = recording.Truncated,
            ["chunks"] = new JsonArray([.. recording.Chunks.Select(c => (JsonNode)new JsonObject { ["at_ms"] = c.AtMs, ["content"] = c.Content })]),
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var temporary = $"{path}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, json.ToJsonString(Indented) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Parses a recording; every problem is a <see cref="FormatException"/> naming the field.</summary>
    public static StreamRecording Parse(string text)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(text) as JsonObject ?? throw new FormatException("a recording is a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}");
        }
        if (String(root, "format") != StreamRecording.FormatName)
            throw new FormatException($"format: expected \"{StreamRecording.FormatName}\"");
        var end = String(root, "end") ?? throw new FormatException("end: required");
        if (!RecordingEnd.All.Contains(end)) throw new FormatException($"end: expected one of {string.Join(", ", RecordingEnd.All)}");
        var chunks = new List<RecordedChunk>();
        if (root["chunks"] is not JsonArray list) throw new FormatException("chunks: expected an array");
        var last = 0L;
        for (var i = 0; i < list.Count; i++)
        {
            var at = Long(list[i]?["at_ms"]) ?? throw new FormatException($"chunks[{i}].at_ms: expected a non-negative integer");
            var content = list[i]?["content"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new FormatException($"chunks[{i}].content: expected a string");
            if (at < last) throw new FormatException($"chunks[{i}].at_ms: offsets must not go back in time");
            chunks.Add(new RecordedChunk(last = at, content));
        }
        var fault = String(root, "fault");
        if (end == RecordingEnd.Failed && fault is null) throw new FormatException("fault: required when end is failed");
        return new StreamRecording
        {
            Provider = String(root, "provider") ?? "",
            Model = String(root, "model") ?? "",
            Chunks = chunks,
            Usage = root["usage"] as JsonObject,
            FinishReason = String(root, "finish_reason"),
            End = end,
            EndMs = Math.Max(last, Long(root["end_ms"]) ?? last),
            Fault = fault,
            Status = (int?)Long(root["status"]),
            RetryAfterSeconds = (int?)Long(root["retry_after_seconds"]),
            Truncated = root["truncated"] is JsonValue t && t.TryGetValue<bool>(out var truncated) && truncated,
        };
    }

    private static string? String(JsonObject json, string key) => json[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) && n >= 0 ? n : null;
}
