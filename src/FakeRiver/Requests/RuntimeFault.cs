using FakeRiver.Workflows;

namespace FakeRiver.Requests;

/// <summary>
/// A fault added through <c>POST /__admin/faults</c>: the next <see cref="Times"/> requests of <see cref="Workflow"/>
/// (in <see cref="Project"/>, or in any project when null) take it. Exactly one of <see cref="Provider"/>,
/// <see cref="Webhook"/> and <see cref="Callback"/> is set.
/// </summary>
internal sealed record RuntimeFault
{
    public required string Id { get; init; }

    public string? Project { get; init; }

    public required string Workflow { get; init; }

    public required int Times { get; init; }

    /// <summary>Which provider of the workflow, in failover order, plays <see cref="Provider"/>.</summary>
    public int ProviderIndex { get; init; }

    public FaultDefinition? Provider { get; init; }

    public WebhookFault? Webhook { get; init; }

    public CallbackFault? Callback { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
