using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Perf.Load;

/// <summary>
/// The peer (docs/ARCHITECTURE.md 6): WireMock.Net serving a static stub of <c>POST /v1/ai/async</c> with the pending JSON
/// FakeRiver really answered. Loopback only (WireMock listens on every interface unless told).
/// </summary>
public static class WireMockPeer
{
    public static WireMockServer Start(string pendingJson)
    {
        var server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"http://127.0.0.1:{FreePort.Next()}"],
            Logger = new WireMockNullLogger(),
        });
        server.Given(Request.Create().WithPath("/v1/ai/async").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(pendingJson));
        return server;
    }
}
