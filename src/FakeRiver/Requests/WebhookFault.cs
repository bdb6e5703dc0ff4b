namespace FakeRiver.Requests;

/// <summary>
/// A webhook fault injected at run time: the first <see cref="Attempts"/> attempts of each of the request's
/// deliveries get an HTTP <see cref="Status"/> instead of reaching the backend, find it refusing connections, time
/// out, or carry a wrong signature.
/// </summary>
internal sealed record WebhookFault(WebhookFaultMode Mode, int? Status, int Attempts);
