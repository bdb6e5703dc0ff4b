using System.Net;
using System.Net.Sockets;

namespace FakeRiver.Scenarios.Running;

/// <summary>A loopback port the OS just handed out (released again, so a short race is possible but rare).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
