using System.Text.Json.Nodes;

namespace FakeRiver.Recording;

/// <summary>
/// What one <c>openai</c> attempt received from its upstream (README "Record and replay"): the content chunks with
/// their offsets, the upstream's own <c>usage</c> and <c>finish_reason</c> when it sent them, and how the stream
/// ended — with the failure reason, HTTP status and Retry-After when it failed. A <c>replay</c> provider plays it back.
/// </summary>
public sealed record StreamRecording
{
    public const string FormatName = "fakeriver-recording/1";

    public required string Provider { get; init; }

    public required string Model { get; init; }

    public IReadOnlyList<RecordedChunk> Chunks { get; init; } = [];

    public JsonObject? Usage { get; init; }

    public string? FinishReason { get; init; }

    /// <summary>One of <see cref="RecordingEnd"/>.</summary>
    public required string End { get; init; }

    /// <summary>When the stream ended (or failed), in milliseconds after the attempt started.</summary>
    public long EndMs { get; init; }

    /// <summary>The failure reason as meta.attempts shows it (<c>http_503</c>, <c>connection_reset</c>, <c>timeout</c>, ...).</summary>
    public string? Fault { get; init; }

    public int? Status { get; init; }

    public int? RetryAfterSeconds { get; init; }

    /// <summary>True when the recorder stopped keeping chunks at its size bound; the rest of the stream is missing.</summary>
    public bool Truncated { get; init; }
}
