using Contract.Providers.OpenAi;
using FakeRiver.Providers;
using FakeRiver.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace Contract.Providers;

/// <summary>The providers' shared pace scheduler on a virtual clock: due order, passed due times, cancellation, one timer.</summary>
public class PaceSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WaitUntil_SeveralWaiters_EachEndsExactlyWhenTheClockReachesItsDueTime()
    {
        var clock = new FakeTimeProvider(Start);
        using var pace = new PaceScheduler(clock);
        using var late = pace.CreateWaiter(CancellationToken.None);
        using var early = pace.CreateWaiter(CancellationToken.None);
        using var middle = pace.CreateWaiter(CancellationToken.None);

        var lateWait = late.WaitUntilAsync(Start.AddMilliseconds(30)).AsTask();
        var earlyWait = early.WaitUntilAsync(Start.AddMilliseconds(10)).AsTask();
        var middleWait = middle.WaitUntilAsync(Start.AddMilliseconds(20)).AsTask();

        clock.Advance(TimeSpan.FromMilliseconds(9));
        Assert.False(earlyWait.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await earlyWait.WaitAsync(Guard);
        Assert.False(middleWait.IsCompleted);
        Assert.False(lateWait.IsCompleted);

        // One jump past two due times ends both.
        clock.Advance(TimeSpan.FromMilliseconds(25));
        await Task.WhenAll(middleWait, lateWait).WaitAsync(Guard);
        Assert.Equal(0, pace.Queued);
    }

    [Fact]
    public void WaitUntil_DueTimeAlreadyPassed_EndsAtOnceWithoutQueueing()
    {
        var clock = new FakeTimeProvider(Start);
        using var pace = new PaceScheduler(clock);
        using var waiter = pace.CreateWaiter(CancellationToken.None);

        Assert.True(waiter.WaitUntilAsync(Start).IsCompletedSuccessfully);
        Assert.True(waiter.WaitUntilAsync(Start.AddSeconds(-1)).IsCompletedSuccessfully);
        Assert.Equal(0, pace.Queued);
    }

    [Fact]
    public async Task WaitUntil_SameWaiterReused_SuccessiveWaitsEachEndOnTime()
    {
        var clock = new FakeTimeProvider(Start);
        using var pace = new PaceScheduler(clock);
        using var waiter = pace.CreateWaiter(CancellationToken.None);

        for (var k = 1; k <= 50; k++)
        {
            var wait = waiter.WaitUntilAsync(Start.AddMilliseconds(20 * k));
            clock.Advance(TimeSpan.FromMilliseconds(19));
            Assert.False(wait.IsCompleted);
            clock.Advance(TimeSpan.FromMilliseconds(1));
            await wait.AsTask().WaitAsync(Guard);
        }
    }

    [Fact]
    public async Task WaitUntil_TokenCancelledWhileQueued_ThrowsAndOtherWaitsStillEnd()
    {
        var clock = new FakeTimeProvider(Start);
        using var pace = new PaceScheduler(clock);
        using var cancel = new CancellationTokenSource();
        using var cancelled = pace.CreateWaiter(cancel.Token);
        using var other = pace.CreateWaiter(CancellationToken.None);

        var cancelledWait = cancelled.WaitUntilAsync(Start.AddMilliseconds(10)).AsTask();
        var otherWait = other.WaitUntilAsync(Start.AddMilliseconds(10)).AsTask();
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelledWait.WaitAsync(Guard));
        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.False(otherWait.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(10));
        await otherWait.WaitAsync(Guard);
        Assert.True(cancelled.WaitUntilAsync(Start.AddSeconds(1)).IsCanceled);
    }

    [Fact]
    public async Task SimulatedProvider_ManyConcurrentStreams_ShareOneTimerAndKeepTheirSchedule()
    {
        var clock = new TimerCountingClock(Start);
        using var pace = new PaceScheduler(clock);
        var provider = new SimulatedProvider(new SimulatedOutput(), pace);
        var definition = new ProviderDefinition { Provider = "openai", Model = "gpt-4o-mini", TtftMs = 100, TokensPerSecond = 50 };
        var request = ProviderCalls.Request([definition]);
        var expected = TokenSplitter.Split(new SimulatedOutput().TextFor(request.Workflow, 7));

        var streams = Enumerable.Range(0, 200)
            .Select(_ => ProviderCalls.DrainAsync(provider.StreamAsync(new ProviderCall(request, definition, 1, "", 7, Start), CancellationToken.None)))
            .ToList();
        // First token at 100 ms, then one every 20 ms: nothing before the first due time.
        clock.Inner.Advance(TimeSpan.FromMilliseconds(99));
        Assert.All(streams, s => Assert.False(s.IsCompleted));
        for (var k = 0; k < expected.Count + 1; k++) clock.Inner.Advance(TimeSpan.FromMilliseconds(k == 0 ? 1 : 20));

        var results = await Task.WhenAll(streams).WaitAsync(Guard);
        Assert.All(results, r =>
        {
            Assert.Null(r.Error);
            Assert.Equal(expected, r.Deltas);
        });
        Assert.Equal(1, clock.TimersCreated);
    }
}
