namespace FakeRiver.Webhooks;

/// <summary>
/// Webhook faults a scenario injects (docs/ARCHITECTURE.md 5). Each count says how many attempts, from the first, carry the
/// fault (<see cref="All"/> for every attempt). Registered only in scenario worlds: the dispatcher's normal path
/// pays one null check.
/// </summary>
public sealed record WebhookFaultPlan
{
    public const int All = int.MaxValue;

    /// <summary>Attempts that find the backend down (connection refused, nothing sent).</summary>
    public int BackendDownAttempts { get; init; }

    /// <summary>Attempts whose <c>X-ModelRiver-Signature</c> is garbage of the right length.</summary>
    public int BadSignatureAttempts { get; init; }

    /// <summary>Attempts signed with a secret the backend does not know.</summary>
    public int WrongSecretAttempts { get; init; }

    /// <summary>Attempts signed (and stamped) an hour in the past.</summary>
    public int StaleTimestampAttempts { get; init; }

    /// <summary>After the first successful attempt, send the same delivery once more (a gateway retry race).</summary>
    public bool DuplicateDelivery { get; init; }

    public const string WrongSecret = "wrong_webhook_secret_for_scenarios";

    public static readonly TimeSpan StaleBy = TimeSpan.FromHours(1);

    /// <summary>The headers of attempt <paramref name="number"/>, with this plan's signature faults applied.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Sign(WebhookDelivery delivery, DateTimeOffset now, int number, string secret)
    {
        var stamp = number <= StaleTimestampAttempts ? now - StaleBy : now;
        var headers = WebhookSigner.Sign(delivery, stamp, number <= WrongSecretAttempts ? WrongSecret : secret);
        if (number > BadSignatureAttempts) return headers;
        return [.. headers.Select(h => h.Key == WebhookSigner.SignatureHeader ? new(h.Key, Garble(h.Value)) : h)];
    }

    // Same length and alphabet, so a receiver gets past its length check and fails on the comparison.
    private static string Garble(string hex) => new([.. hex.Select(c => c == '0' ? 'f' : '0')]);
}
