using FakeRiver.Testing;

namespace Perf.Load;

/// <summary>One stream against the bare-Kestrel limit: the same client, no backend and no gateway in between.</summary>
public static class LimitSession
{
    public static async Task<StreamRecord> RunAsync(string baseUrl, int index, int tokens, SetupGates gates, CancellationToken ct)
    {
        var record = new StreamRecord(tokens);
        using var gate = await gates.EnterAsync(ct);
        try
        {
            record.SentAt = Ticks.Now();
            record.ChannelId = $"limit-{index}";
            var socketUri = new Uri(PhoenixStreamClient.SocketUri($"{baseUrl.Replace("http://", "ws://", StringComparison.Ordinal)}/socket", record.ChannelId)
                + FormattableString.Invariant($"&tokens={tokens}"));
            record.AcceptedAt = record.SentAt;
            await StreamListener.ListenAsync(socketUri, $"ai_response:limit:{record.ChannelId}", record, gate, ct);
        }
        catch (Exception e)
        {
            // A level that overran its time limit is reported (its unfinished streams as errors), not thrown away.
            record.Error = ct.IsCancellationRequested ? "level time limit reached" : e.GetType().Name + ": " + e.Message;
        }
        return record;
    }
}
