using System.Text.Json.Nodes;

namespace FakeRiver.Recording;

/// <summary>
/// What one <c>openai</c> attempt received from its upstream (README "Record and replay"): the content chunks with
/// their offsets, the upstream's own <c>usage</c> and <c>finish_reason</c> when it sent them, and how the stream
/// ended — with the failure reason, HTTP status and Retry-After when it failed. A <c>replay</c> provider plays it back.
/// </summary>
public sealed record StreamRecording
{
    /// <summary>The format tag written into every recording file.</summary>
    public const string FormatName = "fakeriver-recording/1";

    /// <summary>The provider name of the recorded attempt.</summary>
    public required string Provider { get; init; }

    /// <summary>The model name of the recorded attempt.</summary>
    public required string Model { get; init; }

    /// <summary>The content deltas in the order they arrived.</summary>
    public IReadOnlyList<RecordedChunk> Chunks { get; init; } = [];

    /// <summary>The upstream's <c>usage</c> object, when it sent one.</summary>
    public JsonObject? Usage { get; init; }

    /// <summary>The upstream's <c>finish_reason</c>, when it sent one.</summary>
    public string? FinishReason { get; init; }

    /// <summary>One of <see cref="RecordingEnd"/>.</summary>
    public required string End { get; init; }

    /// <summary>When the stream ended (or failed), in milliseconds after the attempt started.</summary>
    public long EndMs { get; init; }

    /// <summary>The failure reason as meta.attempts shows it (<c>http_503</c>, <c>connection_reset</c>, <c>timeout</c>, ...).</summary>
    public string? Fault { get; init; }

    /// <summary>The HTTP status of a failed attempt.</summary>
    public int? Status { get; init; }

    /// <summary>The Retry-After of a failed attempt, in seconds.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>True when the recorder stopped keeping chunks at its size bound; the rest of the stream is missing.</summary>
    public bool Truncated { get; init; }
}
