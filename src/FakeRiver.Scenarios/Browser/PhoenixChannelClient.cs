using System.Net.WebSockets;
using FakeRiver.Testing;

namespace FakeRiver.Scenarios.Browser;

/// <summary>
/// The browser's Phoenix client under its old name: the client itself now ships with the test fixture
/// (<see cref="PhoenixStreamClient"/>), so the scenario runner, the tests and the load driver still share one.
/// </summary>
internal sealed class PhoenixChannelClient(WebSocket socket, TimeProvider time) : PhoenixStreamClient(socket, time);
