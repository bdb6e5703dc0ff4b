using System.Text;
using FakeRiver.Providers.OpenAi;

namespace Contract.Providers.OpenAi;

public class SseReaderTests
{
    private static async Task<List<string>> EventsAsync(string text)
    {
        var reader = new SseReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var events = new List<string>();
        while (await reader.ReadEventAsync(CancellationToken.None) is { } data) events.Add(data);
        return events;
    }

    [Fact]
    public async Task Read_MultiLineData_JoinedWithLineFeed()
    {
        Assert.Equal(["first\nsecond"], await EventsAsync("data: first\ndata: second\n\n"));
    }

    [Fact]
    public async Task Read_CommentsAndOtherFields_Ignored()
    {
        Assert.Equal(["x"], await EventsAsync(": keep-alive\n\nevent: message\nid: 1\nretry: 10\ndata: x\n\n"));
    }

    [Fact]
    public async Task Read_CrLfAndCrLineEndings_SplitEvents()
    {
        Assert.Equal(["a", "b"], await EventsAsync("data: a\r\n\r\ndata: b\r\r"));
    }

    [Fact]
    public async Task Read_NoSpaceAfterColonOrNoColon_ValueKept()
    {
        Assert.Equal(["tight", ""], await EventsAsync("data:tight\n\ndata\n\n"));
    }

    [Fact]
    public async Task Read_UnterminatedLastEvent_Dropped()
    {
        Assert.Equal(["whole"], await EventsAsync("data: whole\n\ndata: {\"cut"));
    }

    [Fact]
    public async Task Read_LeadingByteOrderMark_Skipped()
    {
        Assert.Equal(["x"], await EventsAsync("\uFEFFdata: x\n\n"));
    }
}
