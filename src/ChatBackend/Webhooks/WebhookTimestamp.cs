using System.Globalization;

namespace ChatBackend.Webhooks;

/// <summary>
/// The replay window the example lacks: <c>X-ModelRiver-Timestamp</c> (unix seconds, signed together with the data)
/// must be within the tolerance of now, either way, on the injected clock.
/// </summary>
public static class WebhookTimestamp
{
    /// <summary>Null when fresh enough; otherwise the 401 message.</summary>
    public static string? Problem(string header, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253_402_300_799)
        {
            return "Invalid X-ModelRiver-Timestamp header";
        }
        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age.Duration() > tolerance ? "Timestamp outside the tolerance window" : null;
    }
}
