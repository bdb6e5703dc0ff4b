namespace Perf.Load;

/// <summary>What one client stream saw, as Stopwatch timestamps (0 = never happened).</summary>
public sealed class StreamRecord(int expectedTokens)
{
    /// <summary>The request was sent (POST /chat, or the WebSocket connect for the limit).</summary>
    public long SentAt { get; set; }

    /// <summary>The start call answered (the /chat round trip ends here; for the limit, the socket is open).</summary>
    public long AcceptedAt { get; set; }

    public long JoinedAt { get; set; }

    /// <summary>Arrival of each token by seq (index seq - 1).</summary>
    public long[] TokenArrivals { get; } = new long[expectedTokens];

    public int Duplicates { get; set; }

    /// <summary>Tokens with a seq outside 1..M.</summary>
    public int OutOfRange { get; set; }

    /// <summary>Tokens that arrived with a lower seq than one already seen.</summary>
    public int Reordered { get; set; }

    /// <summary>The final response (completed, success or error) arrived.</summary>
    public long FinalAt { get; set; }

    public string? FinalStatus { get; set; }

    public string? ChannelId { get; set; }

    public string? Error { get; set; }

    public int Lost => TokenArrivals.Count(t => t == 0);
}
