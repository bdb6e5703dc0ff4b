using System.Net;
using FakeRiver.Phoenix;

namespace Contract.Phoenix;

public class PhoenixUpgradeTests
{
    [Fact]
    public async Task Connect_UnknownToken_Refused403()
    {
        await using var host = new PhoenixHost();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.ConnectAsync("no-such-token"));

        Assert.Contains("403", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Journal.RefusedUpgrades()["403 token Unknown"]);
        Assert.Empty(host.Journal.Entries()); // counted, not stored: anyone can send refused upgrades
    }

    [Fact]
    public async Task Connect_ReusedToken_SecondRefused403()
    {
        await using var host = new PhoenixHost();
        var token = host.IssueToken(host.AddRequest());
        using var first = await host.ConnectAsync(token);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.ConnectAsync(token));

        Assert.Contains("403", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ExpiredToken_Refused403()
    {
        await using var host = new PhoenixHost();
        var token = host.IssueToken(host.AddRequest());
        host.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.ConnectAsync(token));

        Assert.Contains("403", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_TokenJustBeforeExpiry_Accepted()
    {
        await using var host = new PhoenixHost();
        var token = host.IssueToken(host.AddRequest());
        host.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));

        using var client = await host.ConnectAsync(token);

        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, client.Socket.State);
    }

    [Fact]
    public async Task Connect_PlainHttpGet_Returns400()
    {
        await using var host = new PhoenixHost();
        using var http = host.CreateHttpClient();

        var response = await http.GetAsync(new Uri("/socket/websocket?vsn=2.0.0&token=x", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Connect_UnsupportedVsn_Refused400AndTokenNotUsedUp()
    {
        await using var host = new PhoenixHost();
        var token = host.IssueToken(host.AddRequest());

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.ConnectAsync(token, vsn: "3.0.0"));
        using var client = await host.ConnectAsync(token);

        Assert.Contains("400", ex.Message, StringComparison.Ordinal);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, client.Socket.State);
    }

    [Fact]
    public async Task Connect_ValidToken_JournalRecordsSerializer()
    {
        await using var host = new PhoenixHost();
        var request = host.AddRequest();
        using var client = await host.ConnectAsync(host.IssueToken(request));

        var entry = await host.Journal.WaitForAsync(e => e.Kind == "connected").WaitAsync(PhoenixTestClient.Cap);

        Assert.Equal(request.ChannelId, entry.ChannelId);
        Assert.Equal(nameof(PhoenixVersion.V2), entry.Detail);
    }
}
