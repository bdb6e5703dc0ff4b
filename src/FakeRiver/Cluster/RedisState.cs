using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// The node's one Redis connection and its id. Connecting is part of start-up: a Redis that cannot be reached stops
/// the host (the tool prints one line and exits 2). Once connected, StackExchange.Redis reconnects by itself; while
/// Redis is away, commands fail after a short timeout and the API answers 503 (never a hang).
/// </summary>
internal sealed class RedisState : IDisposable
{
    public RedisState(IOptions<FakeRiverOptions> options)
    {
        var configuration = ConfigurationOptions.Parse(options.Value.Redis!);
        configuration.AbortOnConnectFail = true;
        configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 3000);
        configuration.SyncTimeout = 2000;
        configuration.AsyncTimeout = 2000;
        configuration.ConnectRetry = 1;
        try
        {
            Connection = ConnectionMultiplexer.Connect(configuration);
        }
        catch (RedisConnectionException e)
        {
            throw new RedisUnreachableException($"Redis at '{options.Value.Redis}' cannot be reached (FakeRiver:Redis): {FirstLine(e.Message)}", e);
        }
        NodeId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    }

    public IConnectionMultiplexer Connection { get; }

    /// <summary>This node's id: random per process, so a restarted node never inherits a dead node's lease.</summary>
    public string NodeId { get; }

    public IDatabase Db => Connection.GetDatabase();

    public ISubscriber Subscriber => Connection.GetSubscriber();

    public void Dispose() => Connection.Dispose();

    private static string FirstLine(string text) => text.Split('\n')[0].Split(". ")[0].Trim().TrimEnd('.') + ".";
}
