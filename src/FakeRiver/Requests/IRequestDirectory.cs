namespace FakeRiver.Requests;

/// <summary>
/// Request records as every node sees them. In one process that is the <see cref="RequestRegistry"/>
/// (<see cref="LocalRequestDirectory"/>); in cluster mode a record in Redis, written when the request is accepted.
/// </summary>
internal interface IRequestDirectory
{
    /// <summary>Publishes a request just registered on this node, before its ws_token is handed out.</summary>
    ValueTask PublishAsync(RiverRequest request);

    /// <summary>The request's record, on whichever node it runs; null when no node knows it.</summary>
    ValueTask<RequestLocation?> FindAsync(string channelId);
}
