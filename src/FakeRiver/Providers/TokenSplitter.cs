using System.Text.RegularExpressions;

namespace FakeRiver.Providers;

/// <summary>
/// Splits text into token-sized deltas (a word or a run of punctuation, with its leading whitespace). Lossless:
/// the pieces concatenate to the input exactly, and surrogate pairs are never split.
/// </summary>
internal static partial class TokenSplitter
{
    [GeneratedRegex(@"\s*(?:\w+|[^\w\s]+)|\s+$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    public static IReadOnlyList<string> Split(string text)
    {
        var tokens = new List<string>();
        var position = 0;
        foreach (Match match in TokenPattern().Matches(text))
        {
            if (match.Index != position) tokens.Add(text[position..match.Index]); // cannot happen; keeps it lossless
            tokens.Add(match.Value);
            position = match.Index + match.Length;
        }
        if (position < text.Length) tokens.Add(text[position..]);
        return tokens;
    }
}
