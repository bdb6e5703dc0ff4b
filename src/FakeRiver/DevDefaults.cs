namespace FakeRiver;

/// <summary>
/// The embedded, documented development identity: one project, one API key, one webhook secret.
/// README lists these values; MODELRIVER_API_KEY and WEBHOOK_SECRET override the key and the secret.
/// </summary>
public static class DevDefaults
{
    /// <summary>The API key FakeRiver accepts when MODELRIVER_API_KEY is not set.</summary>
    public const string ApiKey = "mr_test_fakeriver_dev_key";

    /// <summary>The secret FakeRiver signs webhooks with when WEBHOOK_SECRET is not set.</summary>
    public const string WebhookSecret = "fakeriver_dev_webhook_secret";

    /// <summary>The one project of the embedded defaults.</summary>
    public const string ProjectId = "5f0e9a1c-2b3d-4e5f-8a9b-0c1d2e3f4a5b";

    /// <summary>Where FakeRiver listens when no --urls / ASPNETCORE_URLS is given.</summary>
    public const string Url = "http://127.0.0.1:5080";
}
