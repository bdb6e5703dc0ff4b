using System.Text.Json.Serialization;

namespace FakeRiver.Webhooks;

/// <summary>One HTTP attempt of a delivery: the status code when the receiver answered, otherwise the error.</summary>
public sealed record WebhookAttempt(int Number, DateTimeOffset SentAt, int? StatusCode, string? Error, double DurationMs)
{
    /// <summary>The receiver answered with a 2xx status.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>The headers this attempt was sent with (signature, timestamp, ids): shown on the dashboard, not in the admin JSON.</summary>
    [JsonIgnore]
    public IReadOnlyList<KeyValuePair<string, string>> SentHeaders { get; init; } = [];
}
