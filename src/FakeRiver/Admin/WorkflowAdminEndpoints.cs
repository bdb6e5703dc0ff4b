using System.Text.Json.Nodes;
using FakeRiver.Requests;
using FakeRiver.Workflows;

namespace FakeRiver.Admin;

/// <summary>
/// <c>/__admin/workflows</c>: workflows at run time, per project (the scope header) or for every project. A PUT
/// body is one entry of the workflow file's <c>workflows</c> list, YAML or JSON by <c>Content-Type</c>, checked with
/// the file loader's rules; nothing changes unless it is valid. Requests already running keep their definition.
/// </summary>
internal static class WorkflowAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/__admin/workflows").WithTags("admin: workflows");
        group.MapGet("/", List).WithSummary("The workflows in force for the scope (X-FakeRiver-Project), with their source");
        group.MapGet("/{name}", Get).WithSummary("One workflow in force for the scope");
        group.MapPut("/{name}", PutAsync).WithSummary("Adds or replaces a run-time workflow: one workflow-file entry, YAML or JSON");
        group.MapDelete("/{name}", Delete).WithSummary("Removes a run-time workflow of the scope");
    }

    private static async Task<IResult> List(AdminScope scope, LiveWorkflows workflows, IRuntimeWorkflows runtime)
    {
        await runtime.RefreshAsync();
        return Results.Json(new JsonObject
        {
            ["workflows"] = new JsonArray([.. workflows.List(scope.ProjectId).Select(w => (JsonNode)ToJson(w))]),
        }, WireJson.Options);
    }

    private static async Task<IResult> Get(string name, AdminScope scope, LiveWorkflows workflows, IRuntimeWorkflows runtime)
    {
        await runtime.RefreshAsync();
        return workflows.Find(scope.ProjectId, name) is { } found
            ? Results.Json(ToJson(found), WireJson.Options)
            : ApiErrors.NotFound($"Workflow '{name}' not found", "model_not_found", "name");
    }

    private static async Task<IResult> PutAsync(string name, AdminScope scope, HttpContext context, LiveWorkflows workflows,
        IRuntimeWorkflows runtime)
    {
        if (!IsName(name)) return ApiErrors.BadRequest("A workflow name is 1-128 characters of letters, digits, '_', '-' and '.'", "invalid_name", "name");
        var (text, bodyError) = await AdminBody.ReadAsync(context.Request, yamlAllowed: true);
        if (bodyError is not null) return bodyError;

        var (workflow, errors) = WorkflowEntryReader.Read(text!, "body", name, workflows.File.StructuredOutputs);
        if (workflow is null)
        {
            return ApiErrors.Create(StatusCodes.Status400BadRequest, "invalid_request_error", "invalid_workflow",
                string.Join("\n", errors), errors.Count > 0 ? FieldOf(errors[0]) : null);
        }
        if (!await runtime.PutAsync(scope.ProjectId, workflow, text!))
            return ApiErrors.Conflict($"At most {LiveWorkflows.MaxDefinitions} run-time workflows are kept; delete some first", "limit_reached");
        return Results.Json(ToJson(new LiveWorkflow(workflow, LiveWorkflow.FromAdmin, scope.ProjectId)), WireJson.Options);
    }

    private static async Task<IResult> Delete(string name, AdminScope scope, IRuntimeWorkflows runtime)
    {
        return await runtime.RemoveAsync(scope.ProjectId, name)
            ? Results.NoContent()
            : ApiErrors.NotFound($"No run-time workflow '{name}' in this scope (workflows of the file cannot be deleted)", "model_not_found", "name");
    }

    private static JsonObject ToJson(LiveWorkflow workflow)
    {
        var json = WorkflowWriter.ToJson(workflow.Definition);
        json["source"] = workflow.Source;
        json["project_id"] = workflow.Project;
        return json;
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= 128 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    // "body:3: providers[0].fault.status: expected ..." -> "providers[0].fault.status"
    private static string? FieldOf(string error)
    {
        var parts = error.Split(": ", 3);
        return parts.Length == 3 ? parts[1] : null;
    }
}
