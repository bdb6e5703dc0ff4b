using System.Text.Json.Nodes;

namespace FakeRiver.Testing.Admin;

/// <summary>
/// <c>/__admin/faults</c>: faults for the next <c>times</c> requests of a workflow, then gone. Each method returns
/// the fault's id.
/// </summary>
public sealed class RiverFaults
{
    private readonly FakeRiverAdmin _admin;

    internal RiverFaults(FakeRiverAdmin admin) => _admin = admin;

    /// <summary>A provider fault, in the workflow file's fault keys.</summary>
    /// <param name="workflow">The workflow whose requests take it.</param>
    /// <param name="status">The status the provider fails with (429, 500, 503, ...).</param>
    /// <param name="kind"><c>connection_reset</c>, <c>timeout</c> or <c>invalid_output</c>.</param>
    /// <param name="afterTokens">Tokens streamed before the fault (mid-stream failover); null fails before the first.</param>
    /// <param name="retryAfterSeconds">Retry-After reported with a 429.</param>
    /// <param name="index">Which provider in failover order (0: the primary).</param>
    /// <param name="times">How many requests take it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<string> AddProviderFaultAsync(string workflow, int? status = null, string? kind = null, int? afterTokens = null,
        int? retryAfterSeconds = null, int index = 0, int times = 1, CancellationToken cancellationToken = default)
    {
        var provider = new JsonObject { ["index"] = index };
        if (status is { } s) provider["status"] = s;
        if (kind is { } k) provider["kind"] = k;
        if (afterTokens is { } a) provider["after_tokens"] = a;
        if (retryAfterSeconds is { } r) provider["retry_after_seconds"] = r;
        return AddAsync(Fault(workflow, times, "provider", provider), cancellationToken);
    }

    /// <summary>A webhook fault: exactly one of <paramref name="status"/>, <paramref name="refuse"/>, <paramref name="timeout"/>, <paramref name="badSignature"/>.</summary>
    /// <param name="workflow">The workflow whose requests take it.</param>
    /// <param name="status">Answer the attempt with this status (300-599).</param>
    /// <param name="refuse">Refuse the connection.</param>
    /// <param name="timeout">Never answer (the attempt times out).</param>
    /// <param name="badSignature">Deliver with a wrong signature.</param>
    /// <param name="attempts">How many attempts of each delivery, from the first; null for every attempt.</param>
    /// <param name="times">How many requests take it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<string> AddWebhookFaultAsync(string workflow, int? status = null, bool refuse = false, bool timeout = false,
        bool badSignature = false, int? attempts = 1, int times = 1, CancellationToken cancellationToken = default)
    {
        var webhook = new JsonObject { ["attempts"] = attempts is { } n ? JsonValue.Create(n) : JsonValue.Create("all") };
        if (status is { } s) webhook["status"] = s;
        if (refuse) webhook["refuse"] = true;
        if (timeout) webhook["timeout"] = true;
        if (badSignature) webhook["bad_signature"] = true;
        return AddAsync(Fault(workflow, times, "webhook", webhook), cancellationToken);
    }

    /// <summary>A callback fault: the request's first <paramref name="attempts"/> callbacks are answered <paramref name="status"/> and not taken.</summary>
    public Task<string> AddCallbackFaultAsync(string workflow, int status, int attempts = 1, int times = 1, CancellationToken cancellationToken = default) =>
        AddAsync(Fault(workflow, times, "callback", new JsonObject { ["status"] = status, ["attempts"] = attempts }), cancellationToken);

    /// <summary>Any fault body <c>{workflow, times?, provider | webhook | callback}</c>; returns its id.</summary>
    public async Task<string> AddAsync(JsonObject fault, CancellationToken cancellationToken = default) =>
        (await _admin.SendAsync(HttpMethod.Post, "__admin/faults", FakeRiverAdmin.Json(fault), cancellationToken))!["id"]!.GetValue<string>();

    /// <summary>The faults still waiting in the scope, each with its <c>remaining</c> uses.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(CancellationToken cancellationToken = default) =>
        FakeRiverAdmin.Objects((await _admin.SendAsync(HttpMethod.Get, "__admin/faults", null, cancellationToken))!["faults"]);

    /// <summary>Removes a waiting fault; false when there was none with that id.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        try
        {
            await _admin.SendAsync(HttpMethod.Delete, $"__admin/faults/{Uri.EscapeDataString(id)}", null, cancellationToken);
            return true;
        }
        catch (FakeRiverAdminException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static JsonObject Fault(string workflow, int times, string kind, JsonObject spec) =>
        new() { ["workflow"] = workflow, ["times"] = times, [kind] = spec };
}
