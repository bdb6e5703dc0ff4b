using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeRiver.Scenarios.Reporting;

/// <summary>The one way a transcript is written as text (files, snapshots): indented, LF line ends, readable non-ASCII.</summary>
public static class TranscriptText
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    /// <summary>The transcript as indented JSON text with a final newline, the same bytes for the same run.</summary>
    public static string Of(JsonNode transcript) => transcript.ToJsonString(Options) + "\n";
}
