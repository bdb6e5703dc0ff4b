namespace FakeRiver.Webhooks;

/// <summary>
/// A webhook body already printed as JSON.stringify prints it (<see cref="WebhookBodyFactory"/>'s text variants),
/// with the exact slice that is its signed <c>data</c>.
/// </summary>
/// <param name="Type">The body's <c>type</c>.</param>
/// <param name="Body">The whole body text.</param>
/// <param name="DataText">The body's <c>data</c> value, byte-identical to its slice of <paramref name="Body"/>.</param>
/// <param name="CallbackUrl">Event-driven only: the body's <c>callback_url</c>.</param>
internal sealed record WebhookText(string Type, string Body, string DataText, string? CallbackUrl);
