namespace FakeRiver.Webhooks;

/// <summary>One HTTP attempt of a delivery: the status code when the receiver answered, otherwise the error.</summary>
public sealed record WebhookAttempt(int Number, DateTimeOffset SentAt, int? StatusCode, string? Error, double DurationMs)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
