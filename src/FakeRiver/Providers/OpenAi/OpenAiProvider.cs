using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using FakeRiver.Recording;
using FakeRiver.Workflows;

namespace FakeRiver.Providers.OpenAi;

/// <summary>
/// A real upstream: streams <c>{base_url}/chat/completions</c> of any OpenAI-compatible server (Ollama, vLLM,
/// llama.cpp, OpenAI) over SSE and yields the content deltas. Every failure becomes a <see cref="ProviderFailure"/>
/// the router records; cancellation (the router's attempt timeout) propagates as OperationCanceledException.
/// No timeout here: the router owns it, and the named client's HttpClient.Timeout is infinite.
/// With <c>record_to</c> every attempt is also saved as a recording a <c>replay</c> provider can play back.
/// </summary>
internal sealed class OpenAiProvider(IHttpClientFactory clients, TimeProvider time, IConfiguration configuration) : IModelProvider
{
    public const string HttpClientName = "fakeriver-providers";

    public ProviderType Type => ProviderType.OpenAi;

    public async IAsyncEnumerable<string> StreamAsync(ProviderCall call, [EnumeratorCancellation] CancellationToken ct)
    {
        if (call.Definition.RecordTo is not { } path)
        {
            await foreach (var delta in StreamCoreAsync(call, null, ct)) yield return delta;
            yield break;
        }
        // Recording: whatever ends the attempt (clean end, failure, the router's timeout) is saved with its timing.
        var recorder = new StreamRecorder(path, call.Definition.Provider, call.Definition.Model, time);
        await using var stream = StreamCoreAsync(call, recorder, ct).GetAsyncEnumerator(ct);
        // Left early (the schema gate stopped reading): saved as cut; a replay stops at the same place anyway.
        using var _ = new SaveOnExit(recorder);
        while (true)
        {
            try
            {
                if (!await stream.MoveNextAsync()) break;
            }
            catch (ProviderFailure failure)
            {
                recorder.SaveFailure(failure.Reason, failure.Status, failure.RetryAfter);
                throw;
            }
            catch (OperationCanceledException)
            {
                recorder.SaveFailure("timeout");
                throw;
            }
            yield return stream.Current;
        }
    }

    private async IAsyncEnumerable<string> StreamCoreAsync(ProviderCall call, StreamRecorder? recorder, [EnumeratorCancellation] CancellationToken ct)
    {
        using var response = await SendAsync(call, ct);
        var body = await NetworkAsync(() => response.Content.ReadAsStreamAsync(ct), ct);
        await using (body)
        {
            var events = new SseReader(body);
            var overlap = new ContinuationOverlap(call.CommittedText);
            var (finished, done) = (false, false);
            while (await NetworkAsync(() => events.ReadEventAsync(ct), ct) is { } data)
            {
                if (data == "[DONE]")
                {
                    done = true;
                    break;
                }
                var chunk = OpenAiChunk.Parse(data);
                finished |= chunk.FinishReason is not null;
                if (recorder is not null) Record(recorder, chunk);
                if (string.IsNullOrEmpty(chunk.Content)) continue; // role-only, usage or finish chunks
                var text = overlap.Feed(chunk.Content);
                if (text.Length > 0) yield return text;
            }
            // The loop ends at [DONE] or at end of stream; ending without either [DONE] or a finish_reason means the
            // connection was cut, and the text may be incomplete.
            if (!finished && !done)
            {
                recorder?.Save(RecordingEnd.Cut);
                throw new ProviderFailure("connection_reset");
            }
            recorder?.Save(done ? RecordingEnd.Done : RecordingEnd.Finished);
            var rest = overlap.Flush();
            if (rest.Length > 0) yield return rest;
        }
    }

    private sealed class SaveOnExit(StreamRecorder recorder) : IDisposable
    {
        public void Dispose() => recorder.Save(RecordingEnd.Cut);
    }

    private static void Record(StreamRecorder recorder, OpenAiChunk chunk)
    {
        // The raw content, before the continuation overlap is cut: a replay feeds it through the same cut.
        if (chunk.Content is { } content) recorder.Chunk(content);
        if (chunk.Usage is { } usage) recorder.Usage(usage);
        if (chunk.FinishReason is { } reason) recorder.FinishReason(reason);
    }

    private async Task<HttpResponseMessage> SendAsync(ProviderCall call, CancellationToken ct)
    {
        var definition = call.Definition;
        using var request = new HttpRequestMessage(HttpMethod.Post, ChatCompletionsUri(definition.BaseUrl!))
        {
            Content = new StringContent(OpenAiRequestBody.Build(call).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (definition.ApiKeyEnv is { } keyName && configuration[keyName] is { Length: > 0 } key)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var client = clients.CreateClient(HttpClientName);
        // ResponseHeadersRead: hand over the body as it streams instead of buffering the whole completion.
        var response = await NetworkAsync(() => client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct), ct);
        if (!response.IsSuccessStatusCode)
        {
            var failure = ProviderFailure.FromStatus((int)response.StatusCode, RetryAfterHeader.Read(response.Headers, time));
            response.Dispose();
            throw failure;
        }
        if (response.Content.Headers.ContentType?.MediaType is not "text/event-stream")
        {
            response.Dispose();
            throw new ProviderFailure("malformed_response");
        }
        return response;
    }

    /// <summary>base_url names the API root (…/v1); keep its path and add the endpoint below it.</summary>
    private static Uri ChatCompletionsUri(Uri baseUrl) =>
        new(baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/"), "chat/completions");

    /// <summary>
    /// Network errors (refused, reset, cut mid-body) become <c>connection_reset</c>; when our token is cancelled the
    /// error is only a symptom of the cancellation, so the cancellation is what propagates.
    /// </summary>
    private static async Task<T> NetworkAsync<T>(Func<Task<T>> operation, CancellationToken ct)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            ct.ThrowIfCancellationRequested();
            throw new ProviderFailure("connection_reset", inner: ex);
        }
    }
}
