using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Contract.Phoenix;

public class PhoenixAdminTests
{
    [Fact]
    public async Task AdminSockets_AfterRefusalJoinAndClose_ListsThemForTheChannel()
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;
        await client.JoinAsync(request.Topic);
        request.Log.PublishResponse(PhoenixHost.Response("success"), isFinal: true);
        await client.ReceiveUntilCloseAsync();
        await host.Journal.WaitForAsync(e => e.Kind == "closed").WaitAsync(PhoenixTestClient.Cap);
        using var http = host.CreateHttpClient();

        var body = await http.GetFromJsonAsync<JsonObject>(new Uri($"/__admin/sockets?channel_id={request.ChannelId}", UriKind.Relative));

        var kinds = body!["sockets"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>());
        Assert.Equal(["connected", "joined", "closed"], kinds);
        Assert.Equal("NormalClosure", body["sockets"]![2]!["detail"]!.GetValue<string>());
    }
}
