namespace FakeRiver.Recording;

/// <summary>How a recorded stream ended; replay ends the same way.</summary>
internal static class RecordingEnd
{
    /// <summary><c>data: [DONE]</c> arrived.</summary>
    public const string Done = "done";

    /// <summary>The stream closed after a chunk with a <c>finish_reason</c>, without [DONE].</summary>
    public const string Finished = "finished";

    /// <summary>The stream closed with neither: the connection was cut (replayed as <c>connection_reset</c>).</summary>
    public const string Cut = "cut";

    /// <summary>The attempt failed: an HTTP status, a malformed stream, a network error or the attempt timeout.</summary>
    public const string Failed = "failed";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Done, Finished, Cut, Failed };
}
