using System.Text;
using CsCheck;

namespace Contract.Hostile;

/// <summary>
/// CsCheck generators of whole hostile HTTP inputs for each app: a JSON endpoint, a body (generated, mutated from a
/// valid one, or from the corpus), a content type, a framing (length, chunked, truncated) and an Authorization
/// header; plus wrong methods and odd paths. Inputs aimed at channels waiting for a callback only carry bodies
/// that can never be valid, so their state must not move.
/// </summary>
public static class HttpInputs
{
    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/vnd.api+json", "text/plain",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", ";;;", "",
    ];

    private static readonly string[] Methods = ["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "CONNECT"];

    private static readonly string[] RiverPaths =
    [
        "/v1/ai/async", "/api/v1/ai/async", "/api/ai/async", "/api/v1/ai/reconnect", "/v1/ai/reconnect", "/__admin/webhooks/send", "/v1/ai",
        "/v1/callback/{channel}", "/v1/callback/unknown-channel", "/__admin/workflows/hostile-wf", "/__admin/faults",
    ];

    private static readonly string[] RiverOddPaths =
    [
        "/v1/ai/async/", "//v1/ai/async", "/V1/AI/ASYNC", "/v1/ai/%61sync", "/v1//ai/async", "/v1/ai/async?x=%zz&y", "/v1/callback/",
        "/v1/callback/%2F..%2F..", "/v1/callback/%00", "/v1/callback/\u00e9t\u00e9", "/__admin/requests/%ff", "/__admin/requests/" + new string('x', 3000),
        "/__admin/webhooks?channel_id=%00", "/__admin/sockets?channel_id=" + new string('%', 5), "/__admin/callbacks?x=1", "/socket/websocket?vsn=9.9.9",
        "/socket/websocket?token=&vsn=2.0.0", "/socket/longpoll", "/../../etc/passwd", "/%2e%2e/%2e%2e/", "/api", "/v2/ai/async", "/favicon.ico",
    ];

    private static readonly string[] BackendPaths = ["/chat", "/webhook/modelriver", "/webhook"];

    private static readonly string[] BackendOddPaths =
    [
        "/chat/", "//chat", "/CHAT", "/chat?x=%zz", "/conversations/", "/conversations/%ff%fe", "/conversations/" + new string('c', 3000),
        "/conversations/a/b", "/health?verbose=%00", "/health/", "/webhook/modelriver/extra", "/%2e%2e/%2e%2e/", "/admin", "/favicon.ico",
    ];

    /// <summary>Bodies that are valid for each endpoint: the base of the mutations.</summary>
    private static byte[] ValidBody(string path, HostileTargets targets) => Encoding.UTF8.GetBytes(path switch
    {
        _ when path.Contains("reconnect", StringComparison.Ordinal) => $"{{\"channel_id\":\"{targets.AwaitingChannels[0]}\"}}",
        _ when path.StartsWith("/v1/callback", StringComparison.Ordinal) => "{\"data\":{\"reply\":\"hello\",\"n\":1},\"task_id\":\"t1\"}",
        "/__admin/webhooks/send" => "{\"url\":\"http://127.0.0.1:9/hook\",\"data\":{\"a\":1}}",
        "/__admin/faults" => "{\"workflow\":\"mr_chatbot_standard\",\"kind\":\"provider_error\",\"times\":1}",
        "/__admin/workflows/hostile-wf" => "{\"providers\":[{\"provider\":\"openai\",\"model\":\"m\"}]}",
        "/chat" => "{\"message\":\"hello there\",\"conversationId\":\"c-1\"}",
        "/webhook/modelriver" or "/webhook" => "{\"channel_id\":\"ch-1\",\"event\":\"webhook_received\",\"data\":{\"reply\":\"x\"}}",
        _ => "{\"workflow\":\"mr_chatbot_standard\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
    });

    private static Gen<string> ShapedObject(string path) => path switch
    {
        _ when path.Contains("reconnect", StringComparison.Ordinal) => JsonText.ObjectWith("channel_id"),
        _ when path.StartsWith("/v1/callback", StringComparison.Ordinal) => JsonText.ObjectWith("data", "task_id", "metadata", "error", "status"),
        "/__admin/webhooks/send" => JsonText.ObjectWith("url", "data", "channel_id"),
        "/__admin/workflows/hostile-wf" => JsonText.ObjectWith("providers", "structured_output", "event_name", "name", "on_invalid"),
        // Only fields ChatBackend checks itself: a well-typed workflow or event the gateway refuses would be the
        // example's documented 500 ("Failed to start AI request"), not a bad-input answer.
        "/chat" => JsonText.ObjectWith("message", "conversationId").Select(o => o.Replace("\"workflow\"", "\"w\"", StringComparison.Ordinal)),
        "/webhook/modelriver" or "/webhook" => JsonText.ObjectWith("channel_id", "event", "type", "data", "ai_response", "meta"),
        _ => JsonText.ObjectWith("workflow", "provider", "model", "messages", "events", "inputs", "metadata", "context", "webhook_url",
            "delivery_method", "structured_output_schema", "response_format", "temperature", "max_tokens"),
    };

    /// <summary>An ad-hoc request (provider + model) whose schema or response format is any value at all.</summary>
    private static readonly Gen<string> AdHocSchema = Gen.Select(
            Gen.OneOf("structured_output_schema", "response_format"),
            Gen.Frequency(
                (3, JsonText.Value(3)),
                (2, JsonText.ObjectWith("type", "properties", "items", "required", "minItems", "maxItems", "enum", "anyOf", "$ref", "json_schema", "schema")),
                (1, Gen.OneOf("\"array<\"", "\"{a: string\"", "\"string | \"", "\"array<{t: 'a' | }>\"", "\"{}\"", "\"?\""))))
        .Select((field, value) =>
            $"{{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\",\"messages\":[{{\"role\":\"user\",\"content\":\"x\"}}],\"{field}\":{value}}}");

    /// <summary>A hostile body for <paramref name="path"/>.</summary>
    private static Gen<byte[]> Body(string path, HostileTargets targets, IReadOnlyList<(string Name, byte[] Body)> corpus) => Gen.Frequency(
        (4, BodyMutations.Any(ValidBody(path, targets))),
        (3, ShapedObject(path).Select(JsonText.Utf8)),
        (path.Contains("ai/async", StringComparison.Ordinal) ? 2 : 0, AdHocSchema.Select(JsonText.Utf8)),
        (1, JsonText.Value(3).Select(JsonText.Utf8)),
        (1, JsonText.Deep.Select(JsonText.Utf8)),
        (1, Gen.Int[0, corpus.Count - 1].Select(i => corpus[i].Body)));

    /// <summary>A POST of a hostile body to one of the app's JSON endpoints.</summary>
    public static Gen<HttpInput> Post(TargetApp app, HostileTargets targets, IReadOnlyList<(string Name, byte[] Body)> corpus) =>
        Gen.OneOf(app == TargetApp.River ? RiverPaths : BackendPaths).SelectMany(path =>
            Gen.Select(
                Gen.Frequency((6, Gen.Const("application/json")), (3, Gen.OneOf(ContentTypes))),
                Gen.Frequency((6, Gen.Const(Framing.ContentLength)), (2, Gen.Const(Framing.Chunked)), (1, Gen.Const(Framing.NoLength))),
                Gen.Frequency((8, Gen.Const(true)), (1, Gen.Const(false))),
                Gen.Int[1, 64],
                Gen.Int[0, targets.AwaitingChannels.Count - 1],
                Gen.Frequency((8, Gen.Const(false)), (1, Gen.Const(true))),
                // Channels waiting for a callback must not move; a valid fault would break the chat checked at the end.
                path.Contains("{channel}", StringComparison.Ordinal) || path == "/__admin/faults"
                    ? BodyMutations.AlwaysInvalid(ValidBody(path, targets))
                    : Body(path, targets, corpus))
            .Select((type, framing, authorized, chunk, channel, signed, body) =>
            {
                var target = path.Replace("{channel}", targets.AwaitingChannels[channel], StringComparison.Ordinal);
                var headers = new List<(string, string)>();
                if (type.Length > 0) headers.Add(("Content-Type", type));
                if (app == TargetApp.River && authorized) headers.Add(("Authorization", targets.Auth));
                if (app == TargetApp.Backend && path.StartsWith("/webhook", StringComparison.Ordinal)) headers.AddRange(WebhookHeaders(targets, body, signed));
                var method = path.StartsWith("/__admin/workflows/", StringComparison.Ordinal) ? "PUT" : "POST";
                var bytes = RawRequest.Build(method, target, targets.Host(app), headers, body, framing, chunk);
                // No length and no chunking: an empty body, and the bytes after it are a garbage second request.
                return new HttpInput($"{method} {Short(target)} {framing} {Short(type)} {body.Length}B", app, bytes);
            }));

    /// <summary>Wrong methods on API routes and odd paths with any method.</summary>
    public static Gen<HttpInput> Route(TargetApp app, HostileTargets targets) =>
        Gen.Select(
            Gen.Frequency((3, Gen.OneOf(Methods)), (1, Gen.OneOf("POST", "GET", "HEAD"))),
            Gen.Frequency(
                (1, Gen.OneOf(app == TargetApp.River ? RiverPaths : BackendPaths)),
                (2, Gen.OneOf(app == TargetApp.River ? RiverOddPaths : BackendOddPaths))))
        .Select((method, path) =>
        {
            var target = path.Replace("{channel}", targets.AwaitingChannels[0], StringComparison.Ordinal);
            List<(string, string)> headers = app == TargetApp.River ? [("Authorization", targets.Auth)] : [];
            var bytes = RawRequest.Build(method, Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(target)), targets.Host(app), headers, [], Framing.ContentLength);
            // Kestrel itself refuses a target with a NUL or raw non-ASCII bytes (400, before the app runs).
            var refusedByKestrel = target.Contains("%00", StringComparison.Ordinal) || target.Any(c => c > 127);
            return new HttpInput($"{method} {Short(target)}", app, bytes) { IsHead = method == "HEAD", ProtocolFault = refusedByKestrel };
        });

    private static IEnumerable<(string, string)> WebhookHeaders(HostileTargets targets, byte[] body, bool signed)
    {
        var timestamp = targets.UnixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!signed) return [("X-ModelRiver-Signature", "0123abcd"), ("X-ModelRiver-Timestamp", timestamp)];
        // Signed with the real secret: the body passes the signature check and reaches the processor.
        var raw = Encoding.UTF8.GetString(body);
        var signature = global::ChatBackend.Webhooks.SignatureVerifier.Compute(targets.WebhookSecret, timestamp,
            global::ChatBackend.Webhooks.SignatureVerifier.DataText(raw) ?? raw);
        return [("X-ModelRiver-Signature", signature), ("X-ModelRiver-Timestamp", timestamp)];
    }

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
