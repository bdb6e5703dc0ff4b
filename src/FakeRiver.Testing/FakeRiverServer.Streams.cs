using System.Text.Json.Nodes;

namespace FakeRiver.Testing;

/// <summary>Joining a request's Phoenix stream, as a browser does with the async API's connection fields.</summary>
public sealed partial class FakeRiverServer
{
    /// <summary>How long stream operations wait when the test gives no timeout: 10 seconds of real time.</summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Connects and joins with the connection fields of an async answer (FakeRiver's <c>POST /v1/ai/async</c>, or a
    /// backend's <c>/chat</c> answer that passes them through): <c>websocket_url</c>, <c>ws_token</c>, <c>websocket_channel</c>.
    /// </summary>
    /// <param name="connection">The answer holding the three fields.</param>
    /// <param name="timeout">Real-time patience for the connect, the join and later reads; null is <see cref="DefaultPatience"/>.</param>
    /// <param name="cancellationToken">Cancels the connect and the join.</param>
    /// <exception cref="ArgumentException">A field is missing.</exception>
    public Task<RiverStream> JoinStreamAsync(JsonObject connection, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return JoinStreamAsync(Field(connection, "websocket_url"), Field(connection, "ws_token"), Field(connection, "websocket_channel"),
            timeout, cancellationToken);
    }

    /// <summary>Connects to <paramref name="websocketUrl"/> with <paramref name="wsToken"/> and joins <paramref name="topic"/>.</summary>
    /// <param name="websocketUrl">The <c>websocket_url</c> FakeRiver returned (<c>ws://host/socket</c>).</param>
    /// <param name="wsToken">The single-use <c>ws_token</c>.</param>
    /// <param name="topic">The <c>websocket_channel</c>: <c>ai_response:{project_id}:{channel_id}</c>.</param>
    /// <param name="timeout">Real-time patience; null is <see cref="DefaultPatience"/>.</param>
    /// <param name="cancellationToken">Cancels the connect and the join.</param>
    /// <returns>The joined stream; check <see cref="RiverStream.Joined"/> (a refused join is not an exception).</returns>
    public async Task<RiverStream> JoinStreamAsync(string websocketUrl, string wsToken, string topic, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var patience = timeout ?? DefaultPatience;
        using var cap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cap.CancelAfter(patience);
        var socket = await ConnectWebSocketAsync(PhoenixStreamClient.SocketUri(websocketUrl, wsToken), cap.Token);
        var client = new PhoenixStreamClient(socket, Clock);
        try
        {
            var (_, reply) = await client.JoinAsync(topic, null, cap.Token);
            return new RiverStream(client, topic, reply, patience);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private static string Field(JsonObject connection, string name) =>
        connection[name]?.GetValue<string>() ?? throw new ArgumentException($"The answer has no '{name}'.", nameof(connection));
}
