namespace FakeRiver.Scenarios.Running;

/// <summary>
/// Loopback runs start a fresh FakeRiver for every scenario on the same port. A backend that pools keep-alive
/// connections (Node's fetch does) would send its next POST down a connection to the FakeRiver that just stopped
/// and get a reset. Asking every client to close after each response keeps connections from outliving a FakeRiver.
/// WebSocket upgrades are left alone: they need <c>Connection: Upgrade</c>.
/// </summary>
internal sealed class CloseConnectionsFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (!context.Request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase))
                context.Response.Headers.Connection = "close";
            return following(context);
        });
        next(app);
    };
}
