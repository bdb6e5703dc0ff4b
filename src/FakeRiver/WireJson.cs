using System.Text.Encodings.Web;
using System.Text.Json;

namespace FakeRiver;

/// <summary>
/// JSON options for everything FakeRiver writes on the wire except signed webhook <c>data</c> (that text must match
/// JavaScript's JSON.stringify byte for byte; see Webhooks). Compact, and non-ASCII text left readable.
/// </summary>
internal static class WireJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };
}
