namespace BackendTests;

/// <summary>What the sample backend needs, as the public Node example reads it from its environment.</summary>
/// <param name="RiverUrl">MODELRIVER_API_URL: where the gateway is.</param>
/// <param name="ApiKey">MODELRIVER_API_KEY: sent as Bearer on the async call and the callback.</param>
/// <param name="WebhookSecret">WEBHOOK_SECRET: checks X-ModelRiver-Signature.</param>
/// <param name="PublicUrl">BACKEND_PUBLIC_URL: where the gateway sends webhooks.</param>
/// <param name="Workflow">The workflow /chat starts.</param>
public sealed record BackendSettings(Uri RiverUrl, string ApiKey, string WebhookSecret, Uri PublicUrl, string Workflow);
