using FakeRiver.Requests;

namespace Contract.Requests;

/// <summary>The committed text is made once per change (src/FakeRiver/Requests/ChannelLog.cs), never stale.</summary>
public sealed class ChannelLogTextTests
{
    [Fact]
    public void CommittedText_AppendsBetweenReads_EachReadIsEveryDeltaSoFar()
    {
        var log = new ChannelLog("ch-1");
        Assert.Equal("", log.CommittedText);

        log.AppendToken("Hél", 1, "openai", "gpt-4o");
        Assert.Equal("Hél", log.CommittedText);
        Assert.Same(log.CommittedText, log.CommittedText);

        log.AppendToken("lo ", 1, "openai", "gpt-4o");
        log.AppendToken("", 1, "openai", "gpt-4o");
        Assert.Equal("Héllo ", log.CommittedText);

        log.AppendToken("😀", 2, "anthropic", "claude");
        Assert.Equal("Héllo 😀", log.CommittedText);
    }

    [Fact]
    public void CommittedText_ReadBeforeAndAfterRestore_IsTheRestoredText()
    {
        var source = new ChannelLog("ch-1");
        source.AppendToken("one ", 1, "openai", "gpt-4o");
        source.AppendToken("two", 1, "openai", "gpt-4o");
        var taken = new ChannelLog("ch-1");
        Assert.Equal("", taken.CommittedText);

        taken.Restore(source.TokenEvents());
        Assert.Equal("one two", taken.CommittedText);

        taken.AppendToken(" three", 2, "anthropic", "claude");
        Assert.Equal("one two three", taken.CommittedText);
    }

    [Fact]
    public void CommittedText_ReadWhileAnotherThreadAppends_IsAlwaysAWholePrefix()
    {
        const int Deltas = 2_000;
        var log = new ChannelLog("ch-1");
        var expected = string.Concat(Enumerable.Range(0, Deltas).Select(i => $"{i},"));
        var writer = new Thread(() =>
        {
            for (var i = 0; i < Deltas; i++) log.AppendToken($"{i},", 1, "openai", "gpt-4o");
        });
        var previous = 0;
        void Check(string read)
        {
            Assert.StartsWith(read, expected, StringComparison.Ordinal);
            Assert.True(read.Length == 0 || read[^1] == ',', read);
            Assert.True(read.Length >= previous);
            previous = read.Length;
        }

        writer.Start();
        while (writer.IsAlive) Check(log.CommittedText);
        writer.Join();

        Check(log.CommittedText);
        Assert.Equal(expected, log.CommittedText);
    }
}
