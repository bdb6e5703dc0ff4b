using System.Net;
using FakeRiver.Requests;

namespace FakeRiver.Webhooks;

/// <summary>
/// Plays the webhook faults a request took from <c>/__admin/faults</c>, on the way out of the webhook HttpClient:
/// the dispatcher stays the production path and sees only what a real network would show it — a status, a refused
/// connection, no answer, or a receiver that rejects the signature.
/// </summary>
internal sealed class InjectedWebhookFaultHandler(RequestRegistry registry, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (FaultFor(request) is not { } fault) return await base.SendAsync(request, cancellationToken);
        switch (fault.Mode)
        {
            case WebhookFaultMode.Status:
                return new HttpResponseMessage((HttpStatusCode)fault.Status!.Value)
                {
                    RequestMessage = request,
                    Content = new StringContent("fault injected through /__admin/faults"),
                };
            case WebhookFaultMode.Refuse:
                throw new HttpRequestException("Connection refused (fault injected through /__admin/faults)");
            case WebhookFaultMode.Timeout:
                // Never answered: the dispatcher's attempt timeout (on the injected clock) ends the wait.
                await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
                throw new OperationCanceledException(cancellationToken);
            default:
                Garble(request, WebhookSigner.SignatureHeader);
                Garble(request, WebhookSigner.DocsSignatureHeader);
                return await base.SendAsync(request, cancellationToken);
        }
    }

    private WebhookFault? FaultFor(HttpRequestMessage request)
    {
        if (!request.Headers.TryGetValues(WebhookSigner.DocsChannelIdHeader, out var channels)
            || !request.Headers.TryGetValues(WebhookSigner.WebhookIdHeader, out var ids))
            return null;
        return registry.TryGet(channels.First(), out var owner) ? owner.Faults.TakeWebhookFault(ids.First()) : null;
    }

    // Same length and alphabet, so a receiver gets past a length check and fails on the comparison.
    private static void Garble(HttpRequestMessage request, string header)
    {
        if (!request.Headers.TryGetValues(header, out var values)) return;
        var garbled = new string([.. values.First().Select(c => c == '0' ? 'f' : '0')]);
        request.Headers.Remove(header);
        request.Headers.TryAddWithoutValidation(header, garbled);
    }
}
