using System.Globalization;

namespace ChatBackend;

/// <summary>Formats instants the way JavaScript's <c>Date.prototype.toISOString</c> does (UTC, milliseconds, "Z").</summary>
internal static class IsoTimestamp
{
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
