using System.Text.RegularExpressions;
using FakeRiver.Providers;

namespace Contract.Providers;

/// <summary>
/// TokenSplitter walks the matches without a Match object per token (src/FakeRiver/Providers/TokenSplitter.cs); the
/// deltas must be exactly those the Match-based walk gave.
/// </summary>
public sealed partial class TokenSplitterMatchTests
{
    [GeneratedRegex(@"\s*(?:\w+|[^\w\s]+)|\s+$", RegexOptions.CultureInvariant)]
    private static partial Regex SamePattern();

    private static List<string> OldSplit(string text)
    {
        var tokens = new List<string>();
        var position = 0;
        foreach (Match match in SamePattern().Matches(text))
        {
            if (match.Index != position) tokens.Add(text[position..match.Index]);
            tokens.Add(match.Value);
            position = match.Index + match.Length;
        }
        if (position < text.Length) tokens.Add(text[position..]);
        return tokens;
    }

    [Theory]
    [InlineData("")]
    [InlineData("Hello")]
    [InlineData("  Lorem ipsum, dolor sit amet... \n")]
    [InlineData("{\"reply\":\"Hi \ud83d\ude00 there\",\"n\":[1,2.5]}\n\n")]
    [InlineData("tab\tand\r\nnewline \u2028 sep \ud800 lone ??!! end ")]
    [InlineData("\n")]
    public void Split_AnyText_SameDeltasAsTheMatchWalk(string text)
    {
        var tokens = TokenSplitter.Split(text);

        Assert.Equal(OldSplit(text), tokens);
        Assert.Equal(text, string.Concat(tokens));
    }
}
