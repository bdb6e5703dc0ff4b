using Contract.Api;
using Contract.Infrastructure;

namespace Contract.Retention;

/// <summary>FakeRiver alone on the instant test workflows with the given <c>FakeRiver:*</c> settings, and small helpers.</summary>
internal static class RetentionHost
{
    public static HarnessHost Start(params (string Key, string Value)[] settings) => Start(null, settings);

    public static HarnessHost Start(StubReceiver? receiver, params (string Key, string Value)[] settings)
    {
        var options = new HarnessOptions { WithBackend = false, WorkflowYaml = TestWorkflows.Instant };
        foreach (var (key, value) in settings) options.RiverSettings[key] = value;
        if (receiver is not null) options.ExtraHosts["hooks.test"] = receiver;
        return HarnessHost.Start(options);
    }

    /// <summary>Channel ids listed by <c>GET /__admin/requests</c>, oldest first.</summary>
    public static async Task<string[]> ListedChannelsAsync(HarnessHost host)
    {
        using var client = host.RiverClient();
        var (_, body) = await AsyncApi.GetAsync(client, "/__admin/requests");
        return [.. body["requests"]!.AsArray().Select(r => r!["channel_id"]!.GetValue<string>())];
    }
}
