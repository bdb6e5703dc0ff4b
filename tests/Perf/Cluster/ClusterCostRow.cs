namespace Perf.Cluster;

/// <summary>One topology's figures in a cluster-cost run.</summary>
public sealed record ClusterCostRow(
    string Mode,
    double AcceptCpuMsPerRequest,
    double AcceptP50Ms,
    double AcceptP99Ms,
    double TokenLatenessP50Ms,
    double TokenLatenessP95Ms,
    double TokenLatenessP99Ms,
    int Lost,
    double? RedisKeysPerStream,
    double? RedisBytesPerStream);
