using FakeRiver.Providers.OpenAi;

namespace Contract.Providers.OpenAi;

public class ContinuationOverlapTests
{
    private static string Continue(string committed, params string[] pieces)
    {
        var overlap = new ContinuationOverlap(committed);
        return string.Concat(pieces.Select(overlap.Feed)) + overlap.Flush();
    }

    [Fact]
    public void Feed_NoOverlap_PassesThrough()
    {
        Assert.Equal(" fox jumps.", Continue("The quick brown", " fox", " jumps."));
    }

    [Fact]
    public void Feed_RepeatsLastWordsAcrossPieces_OverlapDropped()
    {
        Assert.Equal(" fox.", Continue("The quick brown", "qu", "ick bro", "wn fox."));
    }

    [Fact]
    public void Feed_RestartsFromTheBeginning_WholeRepeatDropped()
    {
        Assert.Equal("\"Hi\"}", Continue("{\"reply\":", "{\"reply\":", "\"Hi\"}"));
    }

    [Fact]
    public void Feed_ShortCoincidentalOverlap_Kept()
    {
        Assert.Equal("o there", Continue("Hello", "o there"));
    }

    [Fact]
    public void Feed_PieceIsExactlyTheCommittedEnd_Dropped()
    {
        Assert.Equal(" fox", Continue("The quick brown", "brown", " fox"));
    }

    [Fact]
    public void Flush_StreamEndsWhileHeldBack_RestEmitted()
    {
        // "quick br" could still have grown into "quick brown" when the stream ended: it is not a repeat, so it stays.
        Assert.Equal("quick br", Continue("The quick brown", "quick br"));
        Assert.Equal("the end", Continue("", "the end"));
    }
}
