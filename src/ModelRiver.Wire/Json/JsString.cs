using System.Globalization;
using System.Text;

namespace ModelRiver.Wire.Json;

/// <summary>String rules of JSON.stringify (ECMAScript QuoteJSONString) and a decoder of raw JSON string tokens.</summary>
public static class JsString
{
    /// <summary>Writes a quoted string: escapes only <c>"</c>, <c>\</c>, controls below U+0020 and lone surrogates.</summary>
    public static void Write(string text, StringBuilder output)
    {
        output.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\t': output.Append("\\t"); break;
                case '\n': output.Append("\\n"); break;
                case '\f': output.Append("\\f"); break;
                case '\r': output.Append("\\r"); break;
                default:
                    if (c < '\u0020') AppendEscape(c, output);
                    else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        // A well-formed pair is printed raw (emoji and friends).
                        output.Append(c).Append(text[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c)) AppendEscape(c, output);
                    else output.Append(c);
                    break;
            }
        }
        output.Append('"');
    }

    /// <summary>
    /// Decodes a raw JSON string token (with its quotes) into UTF-16, keeping lone <c>\uD800</c>-style escapes as
    /// lone surrogates: System.Text.Json's own unescaping turns them into U+FFFD or throws.
    /// </summary>
    public static string DecodeRaw(string rawToken)
    {
        var body = rawToken.AsSpan(1, rawToken.Length - 2);
        if (!body.Contains('\\')) return body.ToString();
        var output = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\')
            {
                output.Append(body[i]);
                continue;
            }
            var escape = body[++i];
            switch (escape)
            {
                case 'b': output.Append('\b'); break;
                case 't': output.Append('\t'); break;
                case 'n': output.Append('\n'); break;
                case 'f': output.Append('\f'); break;
                case 'r': output.Append('\r'); break;
                case 'u':
                    output.Append((char)int.Parse(body.Slice(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: output.Append(escape); break; // \" \\ \/
            }
        }
        return output.ToString();
    }

    /// <summary>True when <paramref name="text"/> holds a surrogate without its pair (JavaScript allows it, UTF-8 cannot carry it).</summary>
    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }

    private static void AppendEscape(char c, StringBuilder output) =>
        output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
