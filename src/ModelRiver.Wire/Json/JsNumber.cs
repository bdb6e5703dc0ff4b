using System.Globalization;
using System.Text;

namespace ModelRiver.Wire.Json;

/// <summary>ECMAScript Number::toString for finite doubles, as JSON.stringify uses it (non-finite prints null).</summary>
public static class JsNumber
{
    /// <summary>2^53: every integer below it is exact in a double.</summary>
    private const double SafeIntegerLimit = 9007199254740992d;

    /// <summary>Parses JSON number text to the nearest double, as JSON.parse does (overflow gives infinity).</summary>
    public static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Appends <paramref name="value"/> as JSON.stringify prints a number (NaN and infinities print <c>null</c>).</summary>
    public static void Write(double value, StringBuilder output)
    {
        if (!double.IsFinite(value))
        {
            output.Append("null");
            return;
        }
        if (value == 0)
        {
            output.Append('0'); // also -0
            return;
        }
        if (value < 0) output.Append('-');
        var magnitude = Math.Abs(value);
        if (magnitude < SafeIntegerLimit && magnitude == Math.Floor(magnitude))
        {
            // An exactly representable integer prints as its digits (Number::toString with n = k <= 16 <= 21):
            // the common case (durations, counts), without the string work below.
            Span<char> integer = stackalloc char[20];
            ((long)magnitude).TryFormat(integer, out var written, default, CultureInfo.InvariantCulture);
            output.Append(integer[..written]);
            return;
        }
        var (digits, n) = ShortestDigits(magnitude);
        AppendEcmaScript(digits, n, output);
    }

    /// <summary>
    /// The shortest round-trip decimal digits of <paramref name="value"/> (no leading/trailing zeros) and n, the
    /// position of the decimal point: value = 0.digits × 10^n. .NET's "R" format already picks the shortest digits.
    /// </summary>
    private static (string Digits, int N) ShortestDigits(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = exponentAt < 0 ? 0 : int.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var pointAt = mantissa.IndexOf('.', StringComparison.Ordinal);
        var point = (pointAt < 0 ? mantissa.Length : pointAt) + exponent;
        var allDigits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var trimmedStart = allDigits.TrimStart('0');
        point -= allDigits.Length - trimmedStart.Length;
        return (trimmedStart.TrimEnd('0'), point);
    }

    /// <summary>Steps 6 to 10 of ECMAScript Number::toString (radix 10), with k = digit count.</summary>
    private static void AppendEcmaScript(string digits, int n, StringBuilder output)
    {
        var k = digits.Length;
        if (k <= n && n <= 21)
        {
            output.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            output.Append(digits.AsSpan(0, n)).Append('.').Append(digits.AsSpan(n));
        }
        else if (-6 < n && n <= 0)
        {
            output.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var e = n - 1;
            output.Append(digits[0]);
            if (k > 1) output.Append('.').Append(digits.AsSpan(1));
            output.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }
    }
}
