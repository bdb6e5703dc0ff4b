namespace FakeRiver.Admin;

/// <summary>The journals <c>/__admin</c> lists that a cluster shares (docs/ARCHITECTURE.md 2.1).</summary>
internal enum JournalKind
{
    /// <summary><c>/__admin/callbacks</c>: one entry per received callback.</summary>
    Callbacks,

    /// <summary><c>/__admin/webhooks</c>: one snapshot per change of a delivery, the newest per delivery id wins.</summary>
    Webhooks,

    /// <summary><c>/__admin/sockets</c>: connections, joins, leaves, closes.</summary>
    Sockets,

    /// <summary>
    /// <c>/__admin/requests</c>: a request's summary when it is accepted and again, with its AI data, when it ends;
    /// the newest per channel id wins.
    /// </summary>
    Requests,
}
