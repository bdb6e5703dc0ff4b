namespace ChatBackend.Webhooks;

/// <summary>
/// Where a callback may go. The URL comes from the webhook body or a header, and ModelRiver signs only the body's
/// <c>data</c>, so anyone replaying a captured webhook can change it: the callback carries the API key, so it is sent
/// only under the configured gateway URL (MODELRIVER_API_URL, scheme, host, port and path prefix), and only when
/// the channel it names (<c>/callback/{channel_id}</c>) is the webhook's own.
/// </summary>
public static class CallbackTarget
{
    /// <summary>
    /// The URL to call back, or null for none. Null without <paramref name="refusal"/>: there is nothing to call back
    /// (no URL, or not an http one, as in the example). Null with a refusal: the URL must not be used.
    /// </summary>
    public static Uri? Resolve(string? url, string? channelId, string gatewayUrl, out string? refusal)
    {
        refusal = null;
        if (url is null || !url.StartsWith("http", StringComparison.Ordinal)) return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || !Uri.TryCreate(gatewayUrl.TrimEnd('/') + "/", UriKind.Absolute, out var gateway))
        {
            refusal = "callback_url is not a valid URL";
            return null;
        }
        // Compared on the parsed URL, which is also what is sent: user-info tricks or odd spellings cannot differ.
        var sameOrigin = target.Scheme == gateway.Scheme
            && string.Equals(target.IdnHost, gateway.IdnHost, StringComparison.OrdinalIgnoreCase)
            && target.Port == gateway.Port
            && string.IsNullOrEmpty(target.UserInfo)
            && target.AbsolutePath.StartsWith(gateway.AbsolutePath, StringComparison.Ordinal);
        if (!sameOrigin)
        {
            refusal = "callback_url is not on the configured gateway (MODELRIVER_API_URL)";
            return null;
        }
        var marker = target.AbsolutePath.IndexOf("/callback/", StringComparison.Ordinal);
        if (marker >= 0)
        {
            var segment = target.AbsolutePath[(marker + "/callback/".Length)..].Split('/')[0];
            if (channelId is null || !string.Equals(Uri.UnescapeDataString(segment), channelId, StringComparison.Ordinal))
            {
                refusal = "callback_url names another channel than channel_id";
                return null;
            }
        }
        return target;
    }
}
