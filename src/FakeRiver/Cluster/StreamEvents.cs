using System.Globalization;
using System.Text;
using FakeRiver.Requests;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// How a <see cref="ChannelEvent"/> is stored in the channel's stream and published for live fan-out. One Lua script
/// appends and publishes in one step, so the stream id a live message carries orders it against the replay.
/// </summary>
internal static class StreamEvents
{
    // KEYS: stream, pub/sub channel. ARGV: event, seq, final (0/1), payload, max length.
    // The published text is "<stream id>\n<event>\n<seq>\n<final>\n<payload>" (the payload is compact JSON: no newline).
    public const string AppendScript = """
        local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[5], '*', 'e', ARGV[1], 's', ARGV[2], 'f', ARGV[3], 'p', ARGV[4])
        redis.call('PUBLISH', KEYS[2], id .. '\n' .. ARGV[1] .. '\n' .. ARGV[2] .. '\n' .. ARGV[3] .. '\n' .. ARGV[4])
        return id
        """;

    /// <summary>The bound of one channel's stream (a request streams far fewer events).</summary>
    public const int MaxLength = 100_000;

    public static RedisValue[] Arguments(ChannelEvent evt) =>
    [
        evt.Event,
        evt.Seq.ToString(CultureInfo.InvariantCulture),
        evt.IsFinal ? "1" : "0",
        evt.PayloadUtf8.ToArray(),
        MaxLength.ToString(CultureInfo.InvariantCulture),
    ];

    public static ChannelEvent FromEntry(StreamEntry entry) => new(
        entry["e"].ToString(),
        (long)entry["s"],
        (byte[])entry["p"]!,
        entry["f"] == "1");

    /// <summary>Parses a published message; false when it is not one of ours.</summary>
    public static bool TryParseMessage(RedisValue message, out StreamId id, out ChannelEvent evt)
    {
        id = default;
        evt = null!;
        var parts = message.ToString().Split('\n', 5);
        if (parts.Length != 5 || !StreamId.TryParse(parts[0], out id)) return false;
        evt = new ChannelEvent(parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(parts[4]), parts[3] == "1");
        return true;
    }
}
