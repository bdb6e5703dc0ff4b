namespace FakeRiver.Testing;

/// <summary>How a <see cref="FakeRiverServer"/> is reached.</summary>
public enum FakeRiverTransport
{
    /// <summary>In memory (ASP.NET Core TestServer): no socket, no port; use the server's handler and clients.</summary>
    InMemory,

    /// <summary>Real Kestrel on 127.0.0.1 on a free port: any HTTP or WebSocket client (another process too) can connect.</summary>
    Loopback,
}
