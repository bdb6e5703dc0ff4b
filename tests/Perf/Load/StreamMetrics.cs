using System.Text.Json.Serialization;

namespace Perf.Load;

/// <summary>
/// Latencies of one side (FakeRiver or the limit) at one concurrency level, from raw per-token samples.
/// TTFT = first token arrival - send; ITL = arrival(seq k) - arrival(seq k-1); E2E = send -> final response.
/// </summary>
public sealed record StreamMetrics
{
    public int Streams { get; init; }
    public int Completed { get; init; }

    /// <summary>From the first session's send to the last join: how long it took until all N streams were live.</summary>
    public double RampSeconds { get; init; }
    public int Errors { get; init; }
    public IReadOnlyList<string> FirstErrors { get; init; } = [];
    public int LostTokens { get; init; }
    public int DuplicatedTokens { get; init; }
    public int ReorderedTokens { get; init; }
    public int OutOfRangeTokens { get; init; }
    public required LatencyStats Ttft { get; init; }
    /// <summary>Every consecutive pair of every stream, ramp-up included (replayed tokens arrive back to back).</summary>
    public required LatencyStats ItlAll { get; init; }

    /// <summary>
    /// Steady state: only pairs whose earlier token arrived after the last stream of the level had joined, i.e.
    /// while all N streams were live at once. This is the ITL the targets speak of.
    /// </summary>
    public required LatencyStats Itl { get; init; }

    /// <summary>
    /// Steady-state ITL p99 by position in the stream (tenths of 1..M): says whether the tail comes from the start
    /// (joins), the end (webhooks and callbacks of finishing streams) or everywhere (GC, scheduling).
    /// </summary>
    public IReadOnlyList<double> ItlP99ByTenthMs { get; init; } = [];

    /// <summary>Steady-state ITL p99 minus the pace: how late the slow tail of tokens is against the schedule.</summary>
    public double ItlP99ExcessMs { get; init; }
    public required LatencyStats EndToEnd { get; init; }

    /// <summary>FakeRiver: the /chat round trip (ChatBackend's upstream POST /v1/ai/async inside). Limit: none.</summary>
    public LatencyStats? Accept { get; init; }
    public LatencyStats? WebhookRoundTrip { get; init; }
    public LatencyStats? CallbackToCompleted { get; init; }
    /// <summary>The driver's own process (the N clients) over the phase.</summary>
    public required ProcessUsage Usage { get; init; }

    /// <summary>Each server process of this side over the phase: fakeriver and chatbackend, or limit.</summary>
    public IReadOnlyDictionary<string, ProcessUsage> Servers { get; init; } = new Dictionary<string, ProcessUsage>();

    /// <summary>Tokens that reached a client (distinct seqs, summed over streams).</summary>
    public long DeliveredTokens { get; init; }

    /// <summary>The gateway process's (FakeRiver's, or the limit's) bytes allocated per delivered token per subscriber.</summary>
    public double AllocBytesPerToken { get; init; }

    /// <summary>The gateway process's CPU ms per delivered token.</summary>
    public double CpuMsPerToken { get; init; }

    /// <summary>The gateway process's peak resident set above its resident set when the phase began, per stream.</summary>
    public double PeakKbPerStream { get; init; }

    [JsonIgnore]
    public IReadOnlyList<long> ItlSamplesUs { get; init; } = [];

    [JsonIgnore]
    public IReadOnlyList<long> TtftSamplesUs { get; init; } = [];

    public static StreamMetrics From(IReadOnlyList<StreamRecord> records, int paceMs, ProcessUsage usage, RiverJournal? journal, bool withAccept,
        IReadOnlyDictionary<string, ProcessUsage> servers, string gateway)
    {
        var delivered = records.Sum(r => (long)r.TokenArrivals.Count(t => t != 0));
        var own = servers[gateway];
        var itl = new List<long>();
        var itlAll = new List<long>();
        var byTenth = Enumerable.Range(0, 10).Select(_ => new List<long>()).ToArray();
        var allJoined = records.Max(r => r.JoinedAt);
        var ttft = new List<long>();
        var e2e = new List<long>();
        var accept = new List<long>();
        var callbackToCompleted = new List<long>();
        foreach (var r in records)
        {
            var arrivals = r.TokenArrivals;
            var first = arrivals.Where(t => t != 0).DefaultIfEmpty(0).Min();
            if (first != 0) ttft.Add(Us(first - r.SentAt));
            for (var k = 1; k < arrivals.Length; k++)
            {
                if (arrivals[k] == 0 || arrivals[k - 1] == 0) continue;
                var gap = Math.Max(0, Us(arrivals[k] - arrivals[k - 1]));
                itlAll.Add(gap);
                if (arrivals[k - 1] < allJoined) continue;
                itl.Add(gap);
                byTenth[k * 10 / arrivals.Length].Add(gap);
            }
            if (r.FinalAt != 0) e2e.Add(Us(r.FinalAt - r.SentAt));
            if (r.AcceptedAt != 0) accept.Add(Us(r.AcceptedAt - r.SentAt));
            if (journal is not null && r.ChannelId is not null && r.FinalAt != 0
                && journal.CallbackArrivals.TryGetValue(r.ChannelId, out var callbackAt))
            {
                // Can be slightly negative if the clocks' mapping is off by more than the hop; clamp at 0.
                callbackToCompleted.Add(Math.Max(0, Us(r.FinalAt - callbackAt)));
            }
        }
        var itlStats = LatencyStats.From(itl);
        return new StreamMetrics
        {
            Streams = records.Count,
            RampSeconds = Math.Round(Ticks.ToMilliseconds(allJoined - records.Where(r => r.SentAt != 0).Select(r => r.SentAt).DefaultIfEmpty(allJoined).Min()) / 1000, 2),
            Completed = records.Count(r => r.FinalStatus is "completed" or "success"),
            Errors = records.Count(r => r.Error is not null),
            FirstErrors = [.. records.Where(r => r.Error is not null).Select(r => r.Error!).Distinct().Take(3)],
            LostTokens = records.Sum(r => r.Lost),
            DuplicatedTokens = records.Sum(r => r.Duplicates),
            ReorderedTokens = records.Sum(r => r.Reordered),
            OutOfRangeTokens = records.Sum(r => r.OutOfRange),
            Ttft = LatencyStats.From(ttft),
            ItlAll = LatencyStats.From(itlAll),
            Itl = itlStats,
            ItlP99ByTenthMs = [.. byTenth.Select(t => LatencyStats.From(t).P99Ms)],
            ItlP99ExcessMs = Math.Round(itlStats.P99Ms - paceMs, 3),
            EndToEnd = LatencyStats.From(e2e),
            Accept = withAccept ? LatencyStats.From(accept) : null,
            WebhookRoundTrip = journal is null ? null : LatencyStats.From(journal.WebhookRoundTripsUs),
            CallbackToCompleted = journal is null ? null : LatencyStats.From(callbackToCompleted),
            Usage = usage,
            Servers = servers,
            DeliveredTokens = delivered,
            AllocBytesPerToken = delivered == 0 ? double.NaN : Math.Round((double)own.AllocatedBytes / delivered, 0),
            CpuMsPerToken = delivered == 0 ? double.NaN : Math.Round(own.CpuSeconds * 1000 / delivered, 4),
            PeakKbPerStream = records.Count == 0 ? double.NaN : Math.Round((own.PeakWorkingSetMb - own.ResidentAtStartMb) * 1024 / records.Count, 1),
            ItlSamplesUs = itl,
            TtftSamplesUs = ttft,
        };
    }

    private static long Us(long ticks) => (long)Ticks.ToMicroseconds(ticks);
}
