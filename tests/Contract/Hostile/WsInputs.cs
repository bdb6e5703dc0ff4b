using System.Text;
using CsCheck;

namespace Contract.Hostile;

/// <summary>CsCheck generators of hostile WebSocket traffic for FakeRiver's Phoenix socket (V2 array frames).</summary>
public static class WsInputs
{
    private static byte[][] One(byte[] frame) => [frame];

    private static byte[] Text(string text) => RawWebSocket.Text(text);

    /// <summary>Steps a healthy socket must answer.</summary>
    public static Gen<WsStep> Step(int index) => Gen.Frequency(
        (3, Gen.Const(new WsStep("heartbeat", One(Text($"[null,\"r{index}\",\"phoenix\",\"heartbeat\",{{}}]")), $"r{index}"))),
        (2, Gen.OneOf("ai_response:x:y", "garbage", "ai_response:", "ai_response:\u00e9:\u2028", "", "phoenix")
            .Select(topic => new WsStep($"join {topic}", One(Text($"[\"r{index}\",\"r{index}\",\"{topic}\",\"phx_join\",{{}}]")), $"r{index}"))),
        (2, Gen.OneOf("shout", "phx_leave", "phx_reply", "heartbeat")
            .Select(evt => new WsStep($"{evt} unjoined", One(Text($"[null,\"r{index}\",\"room:lobby\",\"{evt}\",{{\"a\":[1,{{}}]}}]")), $"r{index}"))),
        (1, Gen.Int[0, 125].Select(n => new WsStep($"ping {n}B", One(RawWebSocket.Frame(0x9, new byte[n])), null, ExpectPong: true))),
        (1, Gen.Int[1, 30].Select(split =>
        {
            var message = Encoding.UTF8.GetBytes($"[null,\"r{index}\",\"phoenix\",\"heartbeat\",{{}}]");
            split = Math.Min(split, message.Length - 1);
            // A message in two fragments, with a ping between them (control frames may interleave).
            byte[][] frames = [RawWebSocket.Frame(0x1, message[..split], fin: false), RawWebSocket.Frame(0x9, [1, 2]), RawWebSocket.Frame(0x0, message[split..])];
            return new WsStep("fragmented heartbeat", frames, $"r{index}");
        })));

    private static readonly Gen<(string, byte[][], bool)> PhoenixGarbage = Gen.Frequency(
        (3, JsonText.Value(2).Select(v => ("random json", One(Text(v)), false))),
        (2, Gen.OneOf("[]", "[null]", "[1,2,3,4,5]", "[null,null,\"t\",\"e\",{},1]", "[null,\"1\",\"t\",\"e\",\"notobj\"]",
            "[null,\"1\",\"t\",\"e\",[]]", "{\"topic\":\"t\",\"event\":\"e\",\"payload\":{},\"ref\":\"1\"}", "[null,\"1\",\"\\ud800\",\"phx_join\",{}]",
            "[null,1e400,\"phoenix\",\"heartbeat\",{}]", "[null,\"1\",\"phoenix\",\"heartbeat\",{}] x", "", " ", "null",
            "[null,\"1\",\"phoenix\",\"heartbeat\",{\"a\":1,\"a\":2}]", "[null,\"" + new string('9', 5000) + "\",\"phoenix\",\"heartbeat\",{}]")
            .Select(t => ("phoenix shape", One(Text(t)), false))),
        (1, Gen.Int[65, 400].Select(depth => ("deep payload",
            One(Text("[null,\"1\",\"phoenix\",\"heartbeat\"," + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth) + "]")), false))),
        (1, Gen.OneOf<byte[]>([0xFF, 0xFE], [0x5B, 0xC3, 0x28, 0x5D], [0xED, 0xA0, 0x80]).Select(bad => ("invalid utf-8 text", One(RawWebSocket.Frame(0x1, bad)), false))));

    private static readonly Gen<(string, byte[][], bool)> FrameGarbage = Gen.Frequency(
        (2, Gen.Const(("binary frame", One(RawWebSocket.Frame(0x2, [1, 2, 3])), false))),
        (2, Gen.Int[1, 7].Select(rsv => ($"reserved bits {rsv}", One(RawWebSocket.Frame(0x1, Encoding.UTF8.GetBytes("[]"), reserved: rsv)), false))),
        (2, Gen.OneOf(3, 4, 7, 0xB, 0xF).Select(op => ($"opcode {op}", One(RawWebSocket.Frame(op, [1])), false))),
        (2, Gen.Const(("unmasked", One(RawWebSocket.Frame(0x1, Encoding.UTF8.GetBytes("[null,\"1\",\"phoenix\",\"heartbeat\",{}]"), mask: false)), false))),
        (1, Gen.Const(("ping over 125B", One(RawWebSocket.Frame(0x9, new byte[200])), false))),
        (1, Gen.Const(("fragmented ping", One(RawWebSocket.Frame(0x9, [1], fin: false)), false))),
        (1, Gen.Const(("continuation first", One(RawWebSocket.Frame(0x0, Encoding.UTF8.GetBytes("[]"))), false))),
        (1, Gen.Const(("text inside fragmented text", new[] { RawWebSocket.Frame(0x1, [0x5B], fin: false), RawWebSocket.Frame(0x1, [0x5D]) }, false))),
        (1, Gen.OneOf(1L << 40, long.MaxValue, 70_000L).Select(length => ($"lying length {length}", One(RawWebSocket.Frame(0x1, [0x5B, 0x5D], declaredLength: length)), true))),
        (1, Gen.Const(("oversized message", Oversized(), false))),
        (1, Gen.OneOf<byte[]>([0x03, 0xE7], [0x03], [0x03, 0xE8, 0xFF, 0xFE], [0x03, 0xED], [0x0F, 0xA0]).Select(payload => ("odd close", One(RawWebSocket.Frame(0x8, payload)), false))));

    /// <summary>A connection's plan: up to four steps, then garbage for the Phoenix codec or for the WebSocket layer.</summary>
    public static Gen<WsPlan> Plan { get; } =
        Gen.Select(Gen.Int[0, 4], Step(1), Step(2), Step(3), Step(4), Gen.Frequency((1, PhoenixGarbage), (1, FrameGarbage)))
        .Select((n, a, b, c, d, ending) => new WsPlan(new[] { a, b, c, d }.Take(n).ToList(), ending.Item1, ending.Item2, ending.Item3));

    // 1.2 MiB in 20 fragments: over the 1 MiB message limit, answered with 1009.
    private static byte[][] Oversized()
    {
        var part = new byte[64 * 1024];
        Array.Fill(part, (byte)' ');
        return [.. Enumerable.Range(0, 20).Select(i => RawWebSocket.Frame(i == 0 ? 0x1 : 0x0, part, fin: i == 19))];
    }
}
