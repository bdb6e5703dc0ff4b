namespace ChatBackend.Webhooks;

/// <summary>Header names the example reads (matched case-insensitively, as Node lower-cases them).</summary>
public static class WebhookHeaders
{
    public const string Signature = "X-ModelRiver-Signature";
    public const string Timestamp = "X-ModelRiver-Timestamp";
    public const string CallbackUrl = "X-ModelRiver-Callback-Url";
}
