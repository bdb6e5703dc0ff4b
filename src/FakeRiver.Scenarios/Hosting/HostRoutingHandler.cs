using FakeRiver.Testing;

namespace FakeRiver.Scenarios.Hosting;

/// <summary>
/// The fixture's <see cref="InMemoryRouter"/> with a <see cref="WorldActivity"/>: it counts requests in flight, so
/// the scenario runner knows when the system is quiet enough to move virtual time on.
/// </summary>
internal sealed class HostRoutingHandler(Func<string, HttpMessageHandler?> resolve, WorldActivity? activity = null)
    : InMemoryRouter(resolve, activity is null ? null : activity.Begin);
