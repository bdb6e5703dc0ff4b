using FakeRiver.Hosting;
using FakeRiver.Phoenix;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Contract.Phoenix.SlowConsumers;

public class SendQueueOptionsTests
{
    [Theory]
    [InlineData("SendTimeout", "00:00:00")]
    [InlineData("MaxSendQueueBytes", "100")]
    [InlineData("MaxSendQueueFrames", "1")]
    public async Task Startup_BadSendQueueSetting_FailsNamingIt(string key, string value)
    {
        await using var app = FakeRiverApp.Create(["--urls", "http://127.0.0.1:0", $"--{PhoenixOptions.Section}:{key}={value}"]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains($"{PhoenixOptions.Section}:{key}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_Documented_AreValid()
    {
        var options = new PhoenixOptions();

        Assert.False(new PhoenixOptionsValidator().Validate(null, options).Failed);
        Assert.Equal((4L * 1024 * 1024, 4096, TimeSpan.FromSeconds(30)), (options.MaxSendQueueBytes, options.MaxSendQueueFrames, options.SendTimeout));
    }

    [Fact]
    public async Task Replay_LongerThanFrameLimit_PacedByReaderNotClosed()
    {
        await using var host = new PhoenixHost(services => services.Configure<PhoenixOptions>(o => o.MaxSendQueueFrames = 8));
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;
        for (var i = 1; i <= 200; i++) request.Log.AppendToken($"t{i} ", 1, "sim", "m");
        request.Log.PublishResponse(PhoenixHost.Response("success"), isFinal: true);

        Assert.Equal("ok", (await client.JoinAsync(request.Topic)).Status);
        var (frames, close) = await client.ReceiveUntilCloseAsync();

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), frames.Where(f => f.Event == "tokens").Select(f => f.Payload["seq"]!.GetValue<long>()));
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, close);
        Assert.DoesNotContain(host.Journal.Entries(), e => e.Kind == "abandoned");
    }
}
