using FakeRiver.Api;
using Microsoft.AspNetCore.Http;

namespace Contract.Api;

/// <summary>
/// The last address seen is reused (src/FakeRiver/Api/PublicAddress.cs): whatever order addresses come in, each
/// request must get the base URI and socket URL its own scheme, Host and path base give.
/// </summary>
public sealed class PublicAddressTests
{
    private static HttpRequest Request(string scheme, string host, string pathBase)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        context.Request.PathBase = pathBase;
        return context.Request;
    }

    [Fact]
    public void TryBaseUri_AlternatingAddresses_EachGetsItsOwnUriAndSocketUrl()
    {
        (string Scheme, string Host, string PathBase, string Uri, string Socket)[] addresses =
        [
            ("http", "127.0.0.1:5000", "", "http://127.0.0.1:5000/", "ws://127.0.0.1:5000/socket"),
            ("https", "river.test", "/base", "https://river.test/base/", "wss://river.test/base/socket"),
            ("http", "[::1]:8080", "", "http://[::1]:8080/", "ws://[::1]:8080/socket"),
            ("http", "127.0.0.1:5001", "", "http://127.0.0.1:5001/", "ws://127.0.0.1:5001/socket"),
        ];
        for (var round = 0; round < 3; round++)
        {
            foreach (var (scheme, host, pathBase, uri, socket) in addresses.Concat(addresses.Reverse()))
            {
                Assert.True(PublicAddress.TryBaseUri(Request(scheme, host, pathBase), out var baseUri));
                Assert.Equal(uri, baseUri.ToString());
                Assert.Equal(socket, PublicAddress.WebSocketUrl(baseUri));
                // A URI built elsewhere (not the kept one) gets its own socket URL too.
                Assert.Equal(socket, PublicAddress.WebSocketUrl(new Uri(uri)));
            }
        }
    }

    [Fact]
    public void TryBaseUri_HostThatFormsNoUrl_FalseEvenRightAfterAGoodOne()
    {
        Assert.True(PublicAddress.TryBaseUri(Request("http", "good.test", ""), out _));

        Assert.False(PublicAddress.TryBaseUri(Request("http", "bad host:1:2", ""), out _));
    }
}
