using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace Contract.Hostile;

/// <summary>
/// Byte-level ways to break a valid body. <see cref="AlwaysInvalid"/> only holds mutations that can never leave a
/// valid body behind (the suite sends those to channels whose state must not move).
/// </summary>
public static partial class BodyMutations
{
    private static readonly byte[][] BadUtf8 = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82]];

    /// <summary>Breaks <c>body</c> for sure: truncation, invalid UTF-8 or a lone surrogate in a string, a duplicate key, a huge number, deep nesting.</summary>
    public static Gen<byte[]> AlwaysInvalid(byte[] body) => Gen.Frequency(
        (2, Gen.Int[1, Math.Max(1, body.Length - 1)].Select(n => body[..n])),
        (2, Gen.OneOf(BadUtf8).Select(bad => IntoFirstString(body, bad))),
        (2, Gen.OneOf("\\ud800", "\\udfff", "a\\ud83d", "\\udc00\\ud800").Select(escape => IntoFirstString(body, Encoding.ASCII.GetBytes(escape)))),
        (2, Gen.Const(0).Select(_ => DuplicateFirstKey(body))),
        (1, Gen.OneOf("1e400", "-1e999", "1" + new string('0', 400)).Select(number => AddField(body, "\"zz\":" + number))),
        (1, Gen.Int[70, 3000].Select(depth => AddField(body, "\"zz\":" + new string('[', depth) + new string(']', depth)))));

    /// <summary>Any mutation, including ones that may leave the body valid (a flipped letter inside a string).</summary>
    public static Gen<byte[]> Any(byte[] body) => Gen.Frequency(
        (6, AlwaysInvalid(body)),
        (2, Gen.Select(Gen.Int[0, body.Length - 1], Gen.Byte).Select((at, b) => Replace(body, at, b))),
        (2, Gen.Select(Gen.Int[0, body.Length], Gen.Byte).Select((at, b) => (byte[])[.. body[..at], b, .. body[at..]])),
        (1, Gen.OneOf("\uFEFF", "  \n\t", "//c\n", "/*c*/").Select(prefix => (byte[])[.. Encoding.UTF8.GetBytes(prefix), .. body])),
        (1, Gen.OneOf(",", "}", "]", " x", "\0", "{}", "\n{\"a\":1}").Select(suffix => (byte[])[.. body, .. Encoding.UTF8.GetBytes(suffix)])),
        (1, Gen.Const(0).Select(_ => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace('"', '\'')))));

    private static byte[] Replace(byte[] body, int at, byte value)
    {
        var copy = (byte[])body.Clone();
        copy[at] = value;
        return copy;
    }

    // After the opening quote of the first string value (`: "`), or at the end of the first key when there is none.
    private static byte[] IntoFirstString(byte[] body, byte[] insert)
    {
        var text = Encoding.UTF8.GetString(body);
        var match = FirstStringValue().Match(text);
        var at = match.Success ? Encoding.UTF8.GetByteCount(text[..(match.Index + match.Length)]) : 2;
        return [.. body[..at], .. insert, .. body[at..]];
    }

    private static byte[] DuplicateFirstKey(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body).TrimStart();
        var key = FirstKey().Match(text);
        var name = key.Success ? key.Groups[1].Value : "dup";
        var rest = text[1..].TrimStart();
        return Encoding.UTF8.GetBytes("{\"" + name + "\":0,\"" + name + "\":1" + (rest.StartsWith('}') ? "" : ",") + rest);
    }

    private static byte[] AddField(byte[] body, string field)
    {
        var text = Encoding.UTF8.GetString(body).TrimStart();
        return Encoding.UTF8.GetBytes(text == "{}" ? "{" + field + "}" : "{" + field + "," + text[1..]);
    }

    [GeneratedRegex("^\\s*\\{\\s*\"([^\"]*)\"")]
    private static partial Regex FirstKey();

    [GeneratedRegex(":\\s*\"")]
    private static partial Regex FirstStringValue();
}
