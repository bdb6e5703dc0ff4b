using System.Text;
using System.Text.Json.Nodes;

namespace FakeRiver.Testing.Admin;

/// <summary>
/// <c>/__admin/workflows</c>: put, read and remove workflows while FakeRiver runs. An entry is one item of the
/// workflow file's <c>workflows</c> list; an invalid one throws <see cref="FakeRiverAdminException"/> whose message
/// lists every <c>body:line: field: message</c>, and nothing changes.
/// </summary>
public sealed class RiverWorkflows
{
    private readonly FakeRiverAdmin _admin;

    internal RiverWorkflows(FakeRiverAdmin admin) => _admin = admin;

    /// <summary>Adds or replaces workflow <paramref name="name"/> from YAML text; returns it as FakeRiver stores it.</summary>
    public async Task<JsonObject> PutAsync(string name, string yaml, CancellationToken cancellationToken = default) =>
        (JsonObject)(await _admin.SendAsync(HttpMethod.Put, Path(name), new StringContent(yaml, Encoding.UTF8, "application/yaml"), cancellationToken))!;

    /// <summary>Adds or replaces workflow <paramref name="name"/> from a JSON entry; returns it as FakeRiver stores it.</summary>
    public async Task<JsonObject> PutAsync(string name, JsonObject entry, CancellationToken cancellationToken = default) =>
        (JsonObject)(await _admin.SendAsync(HttpMethod.Put, Path(name), FakeRiverAdmin.Json(entry), cancellationToken))!;

    /// <summary>The workflow in force under <paramref name="name"/> (with <c>source</c> and <c>project_id</c>), or null.</summary>
    public async Task<JsonObject?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        await _admin.SendAsync(HttpMethod.Get, Path(name), null, cancellationToken, notFoundIsNull: true) as JsonObject;

    /// <summary>Every workflow in force for the scope.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(CancellationToken cancellationToken = default) =>
        FakeRiverAdmin.Objects((await _admin.SendAsync(HttpMethod.Get, "__admin/workflows", null, cancellationToken))!["workflows"]);

    /// <summary>Removes a run-time workflow of the scope; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            await _admin.SendAsync(HttpMethod.Delete, Path(name), null, cancellationToken);
            return true;
        }
        catch (FakeRiverAdminException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static string Path(string name) => $"__admin/workflows/{Uri.EscapeDataString(name)}";
}
