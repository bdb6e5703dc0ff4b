namespace Contract.Webhooks;

/// <summary>What a webhook receiver saw: headers (lower-case names) and the raw body text.</summary>
public sealed record CapturedRequest(Uri? Url, IReadOnlyDictionary<string, string> Headers, string Body);
