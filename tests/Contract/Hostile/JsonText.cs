using System.Text;
using CsCheck;

namespace Contract.Hostile;

/// <summary>
/// CsCheck generators of JSON-ish text: valid values with hostile contents (lone surrogate escapes, controls, huge
/// and malformed numbers, deep nesting) and objects shaped like each endpoint's body with wrongly typed fields.
/// </summary>
public static class JsonText
{
    private static readonly Gen<string> PlainString = Gen.String[Gen.Char["a-zA-Z0-9 _-"], 0, 12];

    public static readonly Gen<string> StringLiteral = Gen.Frequency(
        (6, PlainString.Select(s => $"\"{s}\"")),
        (2, Gen.OneOf("\"\\ud800\"", "\"x\\udc00y\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\udbff\\udbff\"",
            "\"\\u0000\"", "\"\\u001f\\b\\f\"", "\"\\/\\\\\\\"\"", "\"é😀\u2028\"", "\"\\uZZZZ\"", "\"\\x41\"", "\"tab\there\"")),
        (1, Gen.Int[1, 5000].Select(n => "\"" + new string('A', n) + "\"")));

    public static readonly Gen<string> NumberLiteral = Gen.Frequency(
        (5, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (3, Gen.OneOf("0", "-0", "1.5", "1e308", "1e400", "-1e400", "1e-400", "123456789012345678901234567890",
            "0.1e-7", "9007199254740993", "-2147483649", "1E+2")),
        (1, Gen.OneOf("01", "1.", ".5", "+1", "NaN", "Infinity", "-", "1e", "0x10", "1_000")));

    public static readonly Gen<string> Leaf = Gen.Frequency(
        (4, StringLiteral), (3, NumberLiteral), (1, Gen.OneOf("true", "false", "null", "tru", "nul", "undefined")));

    /// <summary>Any value, nested up to <paramref name="depth"/> levels.</summary>
    public static Gen<string> Value(int depth) => depth == 0 ? Leaf : Gen.Frequency(
        (5, Leaf),
        (2, Value(depth - 1).Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
        (2, Gen.Select(StringLiteral, Value(depth - 1)).Array[0, 4]
            .Select(pairs => "{" + string.Join(",", pairs.Select(p => $"{p.Item1}:{p.Item2}")) + "}")));

    /// <summary>An object with some of <paramref name="fields"/> (and strangers), each holding any value.</summary>
    public static Gen<string> ObjectWith(params string[] fields) =>
        Gen.Select(Gen.OneOf(fields).Select(f => $"\"{f}\"").Array[0, fields.Length + 1], Value(2).Array[fields.Length + 1])
            .Select((names, values) => "{" + string.Join(",", names.Select((n, i) => $"{n}:{values[i]}")) + "}");

    /// <summary>Deep nesting of arrays or objects around a value.</summary>
    public static readonly Gen<string> Deep = Gen.Select(Gen.Int[10, 5000], Gen.Bool).Select((depth, arrays) =>
        arrays
            ? new string('[', depth) + "1" + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
