namespace FakeRiver.Providers.OpenAi;

/// <summary>
/// Drops what a continuing model repeats. Asked to continue after a mid-stream failover, models often start by
/// re-emitting the end (or all) of the text the client already has; passing that on would duplicate it in the
/// stream. The start of the continuation is held back until it can no longer grow into a repeat, then the longest
/// suffix of the committed text it begins with is cut off.
/// </summary>
internal sealed class ContinuationOverlap(string committed)
{
    /// <summary>Shorter overlaps are as likely to be chance (a repeated letter or quote) as repetition, so they stay.</summary>
    public const int MinOverlap = 3;

    private readonly System.Text.StringBuilder _pending = new();
    private bool _decided = committed.Length < MinOverlap;

    /// <summary>Feeds one piece; returns the text that may be emitted now (empty while held back).</summary>
    public string Feed(string piece)
    {
        if (_decided) return piece;
        _pending.Append(piece);
        var pending = _pending.ToString();
        return CouldGrowIntoRepeat(pending) ? "" : Decide(pending);
    }

    /// <summary>At the end of the stream: whatever is still held back, minus its repeated prefix.</summary>
    public string Flush() => _decided ? "" : Decide(_pending.ToString());

    /// <summary>True while some longer suffix of the committed text starts with everything held so far.</summary>
    private bool CouldGrowIntoRepeat(string pending)
    {
        for (var length = pending.Length + 1; length <= committed.Length; length++)
        {
            if (committed.AsSpan(committed.Length - length).StartsWith(pending, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private string Decide(string pending)
    {
        _decided = true;
        _pending.Clear();
        for (var length = Math.Min(pending.Length, committed.Length); length >= MinOverlap; length--)
        {
            if (committed.AsSpan(committed.Length - length).SequenceEqual(pending.AsSpan(0, length))) return pending[length..];
        }
        return pending;
    }
}
