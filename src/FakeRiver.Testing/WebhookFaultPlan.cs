using FakeRiver.Webhooks;

namespace FakeRiver.Testing;

/// <summary>
/// Webhook faults a test or a scenario injects. Each count says how many attempts, from the first, carry the fault
/// (<see cref="All"/> for every attempt). It reaches FakeRiver only through
/// <see cref="WebhookFaultSetup.AddWebhookFaults"/> (or <see cref="FakeRiverServerOptions.WebhookFaults"/>), which
/// swaps the webhook sender: the production dispatcher has no fault branch.
/// </summary>
public sealed record WebhookFaultPlan
{
    /// <summary>Every attempt carries the fault.</summary>
    public const int All = int.MaxValue;

    /// <summary>The error text of an attempt that found the backend down.</summary>
    public const string BackendDownError = "Connection refused (scenario fault: backend down)";

    /// <summary>Attempts that find the backend down (connection refused, nothing sent).</summary>
    public int BackendDownAttempts { get; init; }

    /// <summary>Attempts whose <c>X-ModelRiver-Signature</c> is garbage of the right length.</summary>
    public int BadSignatureAttempts { get; init; }

    /// <summary>Attempts signed with a secret the backend does not know (<see cref="WrongSecret"/>).</summary>
    public int WrongSecretAttempts { get; init; }

    /// <summary>Attempts signed (and stamped) <see cref="StaleBy"/> in the past.</summary>
    public int StaleTimestampAttempts { get; init; }

    /// <summary>After the first successful attempt, send the same delivery once more (a gateway retry race).</summary>
    public bool DuplicateDelivery { get; init; }

    /// <summary>
    /// Event-driven deliveries carry this URL (plus the channel id) as <c>callback_url</c>, in the body and the
    /// header, instead of FakeRiver's own: what anyone replaying a captured webhook can do, since only <c>data</c>
    /// is signed. Null: no forgery. The scenario worlds point it at a listener of their own, on another origin.
    /// </summary>
    public string? ForgedCallbackBase { get; init; }

    /// <summary>
    /// After the first successful attempt, send the delivery once more with another (fresh) <c>channel_id</c> and
    /// the original headers, as a replay with an edited unsigned field would arrive.
    /// </summary>
    public bool ReplayWithOtherChannelId { get; init; }

    /// <summary>
    /// Awaited between the first successful attempt and the <see cref="DuplicateDelivery"/> (the scenario runner
    /// restarts the backend here, to show a redelivery after a restart is still recognised).
    /// </summary>
    public Func<CancellationToken, Task>? BeforeDuplicate { get; init; }

    /// <summary>The secret wrong-secret attempts are signed with.</summary>
    public const string WrongSecret = "wrong_webhook_secret_for_scenarios";

    /// <summary>How far in the past stale attempts are stamped.</summary>
    public static readonly TimeSpan StaleBy = TimeSpan.FromHours(1);

    /// <summary>True when the plan injects nothing.</summary>
    public bool IsEmpty => this == new WebhookFaultPlan();

    /// <summary>The headers of attempt <paramref name="number"/>, with this plan's signature faults applied.</summary>
    /// <param name="delivery">The delivery being sent.</param>
    /// <param name="now">When the attempt is sent.</param>
    /// <param name="number">The attempt number, from 1.</param>
    /// <param name="secret">FakeRiver's real webhook secret.</param>
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
