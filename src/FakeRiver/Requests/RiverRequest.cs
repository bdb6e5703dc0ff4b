using System.Text.Json.Nodes;
using FakeRiver.Workflows;

namespace FakeRiver.Requests;

/// <summary>
/// One accepted async request and its state machine (<see cref="RequestState"/>). All transitions go through
/// <see cref="TryTransition"/>, so exactly one final state is ever reached, whoever races for it
/// (the pipeline, the callback endpoint or the callback timeout).
/// </summary>
internal sealed class RiverRequest
{
    private readonly Lock _gate = new();
    private string? _topic;

    public RiverRequest(string channelId, string projectId, WorkflowDefinition workflow, DateTimeOffset createdAt)
    {
        ChannelId = channelId;
        ProjectId = projectId;
        Workflow = workflow;
        CreatedAt = createdAt;
        Log = new ChannelLog(channelId);
    }

    public string ChannelId { get; }

    public string ProjectId { get; }

    public WorkflowDefinition Workflow { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The request body as received (messages, metadata, inputs, ...).</summary>
    public JsonObject Body { get; init; } = [];

    /// <summary>Fields echoed back as <c>customer_data</c>.</summary>
    public JsonObject CustomerData { get; init; } = [];

    /// <summary>Per-request webhook target; null when the request named none.</summary>
    public string? WebhookUrl { get; init; }

    /// <summary>Event name when event-driven (workflow <c>event_name</c> or the request's <c>events[0]</c>).</summary>
    public string? EventName { get; init; }

    /// <summary>Webhook and callback faults taken from <c>/__admin/faults</c> when the request was accepted.</summary>
    public InjectedFaults Faults { get; init; } = InjectedFaults.None;

    /// <summary>Scheme, host and port the request came in on: callback and WebSocket URLs point back there.</summary>
    public required Uri PublicBaseUri { get; init; }

    public bool IsEventDriven => EventName is not null;

    public string CallbackUrl => new Uri(PublicBaseUri, $"v1/callback/{ChannelId}").ToString();

    // Made once: the accept answer, every join and the registry's lookups ask for it.
    public string Topic => _topic ??= $"ai_response:{ProjectId}:{ChannelId}";

    public ChannelLog Log { get; }

    public RequestState State
    {
        get { lock (_gate) return _state; }
    }

    private RequestState _state = RequestState.Processing;

    /// <summary>The AI output (the structured <c>data</c>) once generated.</summary>
    public AiOutput? AiResult { get; set; }

    /// <summary>The AI output as JSON, built on first read for unstructured text and then shared (never changed).</summary>
    public JsonObject? AiData => AiResult?.Json;

    /// <summary>The <c>meta</c> of the finished AI run (attempts, usage, durations), kept as its values.</summary>
    public AiRunMeta? AiRun { get; set; }

    /// <summary>The <c>meta</c> of the finished AI run as JSON, built on first read and then shared (never changed).</summary>
    public JsonObject? AiMeta => AiRun?.Json;

    /// <summary>When the AI output was ready (event-driven: the callback deadline counts from here).</summary>
    public DateTimeOffset? AiGeneratedAt { get; set; }

    public bool IsFinal => State is RequestState.Succeeded or RequestState.Completed or RequestState.Failed;

    /// <summary>Moves from <paramref name="from"/> to <paramref name="to"/> if the request is still in <paramref name="from"/>.</summary>
    public bool TryTransition(RequestState from, RequestState to)
    {
        lock (_gate)
        {
            if (_state != from) return false;
            _state = to;
            return true;
        }
    }
}
