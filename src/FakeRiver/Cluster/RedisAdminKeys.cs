using FakeRiver.Admin;

namespace FakeRiver.Cluster;

/// <summary>
/// The Redis keys of the state <c>/__admin</c> changes or lists in cluster mode (docs/ARCHITECTURE.md 2.1): run-time
/// workflows, faults, journals, and the reset notice. Same <c>fr:</c> prefix as <see cref="RedisKeys"/>.
/// </summary>
internal static class RedisAdminKeys
{
    /// <summary>Hash "{project or *}\n{name}" → the PUT body of a run-time workflow.</summary>
    public const string Workflows = "fr:wf";

    /// <summary>Counter raised with every change of <see cref="Workflows"/>: a node reloads its copy when it moved.</summary>
    public const string WorkflowsGeneration = "fr:wf:gen";

    /// <summary>Sorted set fault id → creation order.</summary>
    public const string FaultOrder = "fr:flt:order";

    /// <summary>Hash fault id → the fault as JSON.</summary>
    public const string FaultDefinitions = "fr:flt:def";

    /// <summary>Hash fault id → uses left (decremented atomically by the request that takes one).</summary>
    public const string FaultUsesLeft = "fr:flt:left";

    /// <summary>Hash fault id → "{workflow}\n{project or *}", what a request is matched on.</summary>
    public const string FaultMatch = "fr:flt:match";

    /// <summary>Counter giving each fault its creation order.</summary>
    public const string FaultSequence = "fr:flt:seq";

    /// <summary>Stream: every entry of a journal, all projects, in the order Redis appended them.</summary>
    public static string Journal(JournalKind kind) => $"fr:j:{Name(kind)}";

    /// <summary>Prefix of a journal's per-project stream (the same entries, under the same ids, of one project).</summary>
    public static string ProjectJournalPrefix(JournalKind kind) => $"fr:j:{Name(kind)}:p:";

    /// <summary>Hash reason → refused socket upgrades, every node's (a fixed, short set of reasons).</summary>
    public const string RefusedUpgrades = "fr:j:refused";

    /// <summary>Pattern of every journal key, for a reset of everything.</summary>
    public const string AllJournals = "fr:j:*";

    /// <summary>Pub/sub: an admin reset on one node, so the others forget their in-memory copies.</summary>
    public const string ResetNotices = "fr:admin:reset";

    private static string Name(JournalKind kind) => kind switch
    {
        JournalKind.Callbacks => "cb",
        JournalKind.Webhooks => "wh",
        JournalKind.Sockets => "ws",
        _ => "rq",
    };
}
