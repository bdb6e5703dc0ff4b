using System.Text.Json.Nodes;
using FakeRiver.Requests;
using Microsoft.Extensions.Options;

namespace FakeRiver.Pipeline;

/// <summary>
/// Ends requests: pushes the right <c>response</c>, sends the webhook, and for event-driven requests waits for the
/// callback with a deadline. Every ending goes through <see cref="RiverRequest.TryTransition"/>, so exactly one
/// final response is pushed, whoever gets there first (callback, timeout or pipeline).
/// </summary>
internal sealed class RequestFinisher(IWebhookNotifier webhooks, TimeProvider time, BackgroundWork work,
    IOptions<FakeRiverOptions> options)
{
    public void Finish(RiverRequest request, RunOutcome outcome, long durationMs)
    {
        var meta = RunMeta.For(request, outcome, durationMs);
        if (!outcome.Success)
        {
            Fail(request, RequestState.Processing, "all_providers_failed", "All providers failed", meta, outcome);
            return;
        }
        var data = outcome.Data!;
        request.AiResult = data;
        request.AiRun = meta;
        if (request.IsEventDriven)
        {
            request.AiGeneratedAt = time.GetUtcNow();
            if (!request.TryTransition(RequestState.Processing, RequestState.AwaitingCallback)) return;
            // State first, webhook last: a backend calls back while its webhook request is still open.
            request.Log.PublishStatus(ResponsePayloads.Status(request, "ai_generated", outcome.Attempts.Count, outcome.Provider, outcome.Model));
            request.Log.PublishResponse(ResponsePayloads.AiGenerated(request, durationMs), isFinal: false);
            StartCallbackDeadline(request);
            webhooks.AiGenerated(request, data, meta);
            return;
        }
        if (!request.TryTransition(RequestState.Processing, RequestState.Succeeded)) return;
        // Webhook queued before the final push: whoever sees the final response finds the delivery in the journal.
        webhooks.Completed(request, data, meta);
        request.Log.PublishStatus(ResponsePayloads.Status(request, "completed", outcome.Attempts.Count, outcome.Provider, outcome.Model));
        request.Log.PublishResponse(ResponsePayloads.Success(request, data, meta), isFinal: true);
    }

    /// <summary>Ends a request whose pipeline threw: an <c>internal_error</c> response, so no client waits forever.</summary>
    public void Crash(RiverRequest request, Exception error)
    {
        if (!request.TryTransition(RequestState.Processing, RequestState.Failed)) return;
        request.Log.PublishResponse(ResponsePayloads.Error(request, "internal_error", $"FakeRiver failed: {error.Message}"), isFinal: true);
    }

    /// <summary>
    /// Cluster mode: ends a request whose node stopped (its lease ran out) with one error <c>response</c> and its
    /// webhook, from <paramref name="from"/> (processing, or awaiting the callback).
    /// </summary>
    public void Abandon(RiverRequest request, RequestState from, string message)
    {
        if (!request.TryTransition(from, RequestState.Failed)) return;
        var meta = RunMeta.For(request, new RunOutcome(null, [], null, null), 0);
        webhooks.Failed(request, "internal_error", message, meta);
        request.Log.PublishStatus(ResponsePayloads.Status(request, "error", 0, null, null, "internal_error"));
        request.Log.PublishResponse(ResponsePayloads.Error(request, "internal_error", message, meta), isFinal: true);
    }

    /// <summary>The backend's callback: <c>completed</c>, or <c>error</c> when the body reports one.</summary>
    public CallbackOutcome Callback(RiverRequest request, JsonObject body)
    {
        var reported = CallbackError(body);
        if (reported is not null)
        {
            if (!request.TryTransition(RequestState.AwaitingCallback, RequestState.Failed)) return Rejected(request);
            request.Log.PublishStatus(ResponsePayloads.StatusAfterAi(request, "error", "callback_error"));
            request.Log.PublishResponse(ResponsePayloads.Error(request, "callback_error", reported), isFinal: true);
            return CallbackOutcome.Accepted;
        }
        // The final response is built before the state moves: if building it failed, the request would be
        // `completed` with nothing pushed, and the browser would wait forever.
        var taskId = body["task_id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;
        var final = ResponsePayloads.Completed(request, (JsonObject)body["data"]!, taskId, body["metadata"] as JsonObject);
        if (!request.TryTransition(RequestState.AwaitingCallback, RequestState.Completed)) return Rejected(request);
        request.Log.PublishStatus(ResponsePayloads.StatusAfterAi(request, "completed"));
        request.Log.PublishResponse(final, isFinal: true);
        return CallbackOutcome.Accepted;
    }

    private void Fail(RiverRequest request, RequestState from, string code, string message, AiRunMeta meta, RunOutcome outcome)
    {
        if (!request.TryTransition(from, RequestState.Failed)) return;
        var last = outcome.Attempts.Count > 0 ? outcome.Attempts[^1] : null;
        webhooks.Failed(request, code, message, meta);
        request.Log.PublishStatus(ResponsePayloads.Status(request, "error", outcome.Attempts.Count, last?.Provider, last?.Model, code));
        request.Log.PublishResponse(ResponsePayloads.Error(request, code, message, meta), isFinal: true);
    }

    private void StartCallbackDeadline(RiverRequest request)
    {
        var deadline = request.AiGeneratedAt!.Value + options.Value.CallbackTimeout;
        work.Run($"callback-deadline:{request.ChannelId}", async ct =>
        {
            // Stop waiting as soon as the request is final (the callback came): a wait left to run out would hold
            // the request, its body and its channel log for the whole timeout, whatever the registry's retention.
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = time.DelayUntilAsync(deadline, timer.Token);
            if (await Task.WhenAny(delay, request.Log.Finished) != delay)
            {
                await timer.CancelAsync();
                return;
            }
            await delay;
            if (!request.TryTransition(RequestState.AwaitingCallback, RequestState.Failed)) return;
            request.Log.PublishStatus(ResponsePayloads.StatusAfterAi(request, "error", "callback_timeout"));
            request.Log.PublishResponse(ResponsePayloads.Error(request, "callback_timeout", "Callback timeout"), isFinal: true);
        });
    }

    private static CallbackOutcome Rejected(RiverRequest request) =>
        request.State == RequestState.Processing ? CallbackOutcome.NotAwaiting : CallbackOutcome.AlreadyFinal;

    /// <summary>A callback body with <c>error</c> or <c>status:"error"</c> reports a failure (docs/wire-contract.md 7.12).</summary>
    private static string? CallbackError(JsonObject body)
    {
        var error = body["error"];
        var statusIsError = body["status"] is JsonValue s && s.TryGetValue<string>(out var status) && status == "error";
        if (error is null && !statusIsError) return null;
        return error switch
        {
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            JsonObject o when o["message"] is JsonValue m && m.TryGetValue<string>(out var text) => text,
            _ => "Backend reported an error",
        };
    }
}
