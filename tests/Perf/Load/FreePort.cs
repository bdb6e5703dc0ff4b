using System.Net;
using System.Net.Sockets;

namespace Perf.Load;

/// <summary>
/// A free loopback port, known before the server starts: ChatBackend must be told its own public URL (the webhook
/// target it sends to FakeRiver) before it listens.
/// </summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
