using System.Text.Json.Nodes;

namespace FakeRiver.Observability;

/// <summary>
/// One step of a request's story (accepted, attempt, tokens, status, response, webhook, callback, join, close) as the
/// dashboard and the telemetry see it. <see cref="Json"/> is serialized once, when published, so any number of
/// dashboard clients share the same text.
/// </summary>
/// <param name="Id">Increasing per host: the SSE event id a reconnecting dashboard resumes after.</param>
/// <param name="At">When it happened, on FakeRiver's clock.</param>
/// <param name="Kind">One of <see cref="RiverEventKinds"/>.</param>
/// <param name="ChannelId">The request's channel.</param>
/// <param name="Data">What happened, as the dashboard shows it.</param>
/// <param name="Json">The event serialized once, for every subscriber.</param>
public sealed record RiverEvent(long Id, DateTimeOffset At, string Kind, string ChannelId, JsonObject Data, string Json);
