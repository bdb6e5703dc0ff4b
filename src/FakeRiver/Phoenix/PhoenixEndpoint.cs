using FakeRiver.Requests;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace FakeRiver.Phoenix;

/// <summary>
/// <c>/socket/websocket?token=...&amp;vsn=2.0.0</c>. Everything that can refuse a socket is decided before the
/// upgrade, as Phoenix's <c>connect/3</c> does: a refused token is an HTTP 403, never an accepted-then-closed socket.
/// The vsn is checked before the token, so a malformed URL does not burn a single-use token.
/// </summary>
internal static class PhoenixEndpoint
{
    public const string Path = "/socket/websocket";

    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var journal = services.GetRequiredService<PhoenixJournal>();
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (!TryParseVersion(context.Request.Query["vsn"], out var version))
        {
            journal.CountRefused("400 unsupported vsn");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var tokens = services.GetRequiredService<IWsTokenStore>();
        var (redeemed, grant) = await tokens.RedeemAsync(context.Request.Query["token"].ToString());
        if (redeemed != TokenRedeemResult.Ok || grant is null)
        {
            journal.CountRefused($"403 token {redeemed}");
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new PhoenixConnection(
            socket,
            version,
            grant,
            journal.NextSocketId(),
            services.GetRequiredService<JoinAuthorizer>(),
            services.GetRequiredService<IChannelFeed>(),
            journal,
            services.GetRequiredService<IOptions<PhoenixOptions>>().Value,
            services.GetRequiredService<TimeProvider>());
        await connection.RunAsync(context.RequestAborted);
    }

    /// <summary>Absent (or 1.0.0) speaks V1 objects, 2.0.0 V2 arrays; anything else is refused.</summary>
    public static bool TryParseVersion(StringValues vsn, out PhoenixVersion version)
    {
        version = PhoenixVersion.V1;
        if (vsn.Count == 0) return true;
        if (vsn.Count > 1) return false;
        switch (vsn[0])
        {
            case "2.0.0":
                version = PhoenixVersion.V2;
                return true;
            case "1.0.0":
                return true;
            default:
                return false;
        }
    }
}
