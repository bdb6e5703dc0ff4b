namespace FakeRiver.Scenarios.Model;

/// <summary>
/// Expected sync answers: the final HTTP status of each request, <c>meta.http_status</c> and the error code of the
/// last answer, the <c>X-ModelRiver-*</c> headers on raw answers, and whether every retry after a 429 waited
/// for <c>Retry-After</c>.
/// </summary>
internal sealed record ExpectedSync(IReadOnlyList<int>? Answers, int? MetaHttpStatus, string? ErrorCode, bool? Headers,
    bool? RetryAfterHonoured);
