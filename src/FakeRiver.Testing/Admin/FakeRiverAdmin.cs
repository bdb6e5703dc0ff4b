using System.Text;
using System.Text.Json.Nodes;

namespace FakeRiver.Testing.Admin;

/// <summary>
/// A typed client of FakeRiver's <c>/__admin</c> API over HTTP: the same calls a Node test makes with <c>fetch</c>,
/// for any FakeRiver — the fixture's, or a shared one started with <c>fakeriver serve</c>. Scope it to one project
/// with <see cref="ForProject"/> (a project id or an API key), as a test suite sharing FakeRiver with others should.
/// </summary>
public sealed class FakeRiverAdmin
{
    private readonly HttpClient _http;

    /// <param name="http">A client whose base address is FakeRiver's; the caller keeps owning it.</param>
    /// <param name="project">The project every call is scoped to (a project id or an API key); null for everything.</param>
    public FakeRiverAdmin(HttpClient http, string? project = null)
    {
        _http = http;
        Project = project;
        Workflows = new RiverWorkflows(this);
        Faults = new RiverFaults(this);
    }

    /// <summary>The scope of every call (a project id or an API key), or null for everything.</summary>
    public string? Project { get; }

    /// <summary>Workflows at run time: <c>/__admin/workflows</c>.</summary>
    public RiverWorkflows Workflows { get; }

    /// <summary>Faults at run time: <c>/__admin/faults</c>.</summary>
    public RiverFaults Faults { get; }

    /// <summary>The same client scoped to one project.</summary>
    /// <param name="projectOrKey">A project id, or an API key meaning that key's project.</param>
    public FakeRiverAdmin ForProject(string projectOrKey) => new(_http, projectOrKey);

    /// <summary>Forgets the scope's requests, tokens, journals, run-time workflows and faults.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "__admin/reset", Json(new JsonObject()), cancellationToken);

    /// <summary>The scope's requests, as <c>GET /__admin/requests</c> lists them.</summary>
    public async Task<IReadOnlyList<JsonObject>> GetRequestsAsync(CancellationToken cancellationToken = default) =>
        Objects((await SendAsync(HttpMethod.Get, "__admin/requests", null, cancellationToken))!["requests"]);

    /// <summary>Sends a delivered or dead-lettered webhook once more (re-signed, a new attempt); returns the delivery.</summary>
    /// <param name="deliveryId">The delivery's id, from the webhook journal.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<JsonObject> RedeliverWebhookAsync(string deliveryId, CancellationToken cancellationToken = default) =>
        (JsonObject)(await SendAsync(HttpMethod.Post, $"__admin/webhooks/{Uri.EscapeDataString(deliveryId)}/redeliver", Json(new JsonObject()), cancellationToken))!;

    internal async Task<JsonNode?> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (Project is not null) request.Headers.Add("X-FakeRiver-Project", Project);
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (notFoundIsNull && response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        if (!response.IsSuccessStatusCode) throw FakeRiverAdminException.From(response.StatusCode, text);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    internal static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    internal static IReadOnlyList<JsonObject> Objects(JsonNode? array) => [.. (array as JsonArray ?? []).OfType<JsonObject>()];
}
