using System.Text.Json.Nodes;
using FakeRiver.Observability;

namespace FakeRiver.Requests;

/// <summary>
/// A <c>status</c> event's data: the channel's status payload with the request's state, parsed when first read
/// (<see cref="LazyEventData"/>). <paramref name="payloadUtf8"/> is the array the channel log keeps and shares with
/// every socket, never changed after it is published; status payloads are a few hundred bytes.
/// </summary>
internal sealed class StatusEventData(ReadOnlyMemory<byte> payloadUtf8, string state) : LazyEventData
{
    protected override JsonObject Fields()
    {
        var status = RiverEventFeed.ParsePayload(payloadUtf8);
        status["state"] = state;
        return status;
    }
}
