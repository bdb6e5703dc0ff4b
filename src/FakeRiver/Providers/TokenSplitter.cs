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
        // EnumerateMatches: no Match object per token (a stream's text is split once per attempt).
        foreach (var match in TokenPattern().EnumerateMatches(text))
        {
            if (match.Index != position) tokens.Add(text[position..match.Index]); // cannot happen; keeps it lossless
            tokens.Add(text.Substring(match.Index, match.Length));
            position = match.Index + match.Length;
        }
        if (position < text.Length) tokens.Add(text[position..]);
        return tokens;
    }
}
