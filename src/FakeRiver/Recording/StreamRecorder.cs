using System.Text.Json.Nodes;

namespace FakeRiver.Recording;

/// <summary>
/// Collects one <c>openai</c> attempt as it streams and saves it to the provider's <c>record_to</c> file when the
/// attempt ends (each attempt replaces the file: the latest recording wins). Bounded: past
/// <see cref="MaxChunks"/> chunks or <see cref="MaxChars"/> characters it keeps the timing of the end but no more
/// content, and marks the recording truncated. Used by one attempt at a time; not thread-safe.
/// </summary>
internal sealed class StreamRecorder(string path, string provider, string model, TimeProvider time)
{
    public const int MaxChunks = 100_000;
    public const int MaxChars = 4 * 1024 * 1024;

    private readonly long _started = time.GetTimestamp();
    private readonly List<RecordedChunk> _chunks = [];
    private int _chars;
    private bool _truncated;
    private JsonObject? _usage;
    private string? _finishReason;
    private bool _saved;

    public void Chunk(string content)
    {
        if (content.Length == 0) return;
        if (_chunks.Count >= MaxChunks || _chars + content.Length > MaxChars)
        {
            _truncated = true;
            return;
        }
        _chars += content.Length;
        _chunks.Add(new RecordedChunk(ElapsedMs(), content));
    }

    public void Usage(JsonObject usage) => _usage = (JsonObject)usage.DeepClone();

    public void FinishReason(string reason) => _finishReason = reason;

    /// <summary>The stream ended cleanly (<see cref="RecordingEnd.Done"/>, <see cref="RecordingEnd.Finished"/>) or was cut.</summary>
    public void Save(string end) => Write(end, null, null, null);

    public void SaveFailure(string reason, int? status = null, TimeSpan? retryAfter = null) =>
        Write(RecordingEnd.Failed, reason, status, retryAfter is { } wait ? (int)Math.Ceiling(wait.TotalSeconds) : null);

    private void Write(string end, string? fault, int? status, int? retryAfterSeconds)
    {
        if (_saved) return;
        _saved = true;
        RecordingFile.Write(path, new StreamRecording
        {
            Provider = provider,
            Model = model,
            Chunks = _chunks,
            Usage = _usage,
            FinishReason = _finishReason,
            End = end,
            EndMs = ElapsedMs(),
            Fault = fault,
            Status = status,
            RetryAfterSeconds = retryAfterSeconds,
            Truncated = _truncated,
        });
    }

    private long ElapsedMs() => (long)time.GetElapsedTime(_started).TotalMilliseconds;
}
