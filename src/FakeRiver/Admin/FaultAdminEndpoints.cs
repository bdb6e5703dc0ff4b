using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.Requests;
using FakeRiver.Workflows;

namespace FakeRiver.Admin;

/// <summary>
/// <c>/__admin/faults</c>: faults at run time, per project (the scope header) or for every project. A fault hits
/// the next <c>times</c> requests of its workflow, then it is gone; <c>GET</c> shows what is left.
/// </summary>
internal static class FaultAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/__admin/faults").WithTags("admin: faults");
        group.MapGet("/", List).WithSummary("Faults still waiting, with the uses they have left");
        group.MapPost("/", AddAsync).WithSummary("Adds a fault for the next `times` requests of a workflow: provider, webhook or callback");
        group.MapDelete("/{id}", Delete).WithSummary("Removes a fault");
    }

    private static async Task<IResult> List(AdminScope scope, IFaultStore faults)
    {
        return Results.Json(new JsonObject
        {
            ["faults"] = new JsonArray([.. (await faults.ListAsync(scope.ProjectId)).Select(f => (JsonNode)ToJson(f.Fault, f.Left))]),
        }, WireJson.Options);
    }

    private static async Task<IResult> AddAsync(AdminScope scope, HttpContext context, IFaultStore faults,
        LiveWorkflows workflows, IRuntimeWorkflows runtime, RandomSource random, TimeProvider time)
    {
        var (text, bodyError) = await AdminBody.ReadAsync(context.Request, yamlAllowed: false);
        if (bodyError is not null) return bodyError;
        await runtime.RefreshAsync();
        var (read, errors) = FaultRequestReader.Read(text!, name => workflows.TryGet(scope.ProjectId, name, out var w) ? w : null);
        if (read is null)
            return ApiErrors.Create(StatusCodes.Status400BadRequest, "invalid_request_error", "invalid_fault", string.Join("\n", errors));

        var fault = read with { Id = random.NewUuid(), Project = scope.ProjectId, CreatedAt = time.GetUtcNow() };
        if (!await faults.AddAsync(fault))
            return ApiErrors.Conflict($"At most {FaultStore.MaxFaults} faults wait at once; delete some first", "limit_reached");
        return Results.Json(ToJson(fault, fault.Times), WireJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Delete(string id, AdminScope scope, IFaultStore faults)
    {
        return await faults.RemoveAsync(scope.ProjectId, id)
            ? Results.NoContent()
            : ApiErrors.NotFound($"Fault '{id}' not found", "fault_not_found", "id");
    }

    private static JsonObject ToJson(RuntimeFault fault, int left)
    {
        var json = new JsonObject
        {
            ["id"] = fault.Id,
            ["project_id"] = fault.Project,
            ["workflow"] = fault.Workflow,
            ["times"] = fault.Times,
            ["remaining"] = left,
            ["created_at"] = fault.CreatedAt.ToString("O"),
        };
        if (fault.Provider is { } provider)
        {
            var p = WorkflowWriter.Fault(provider);
            p["index"] = fault.ProviderIndex;
            json["provider"] = p;
        }
        if (fault.Webhook is { } webhook)
        {
            var w = new JsonObject();
            if (webhook.Mode == WebhookFaultMode.Status) w["status"] = webhook.Status;
            else w[JsonNamingPolicy.SnakeCaseLower.ConvertName(webhook.Mode.ToString())] = true;
            w["attempts"] = Attempts(webhook.Attempts);
            json["webhook"] = w;
        }
        if (fault.Callback is { } callback) json["callback"] = new JsonObject { ["status"] = callback.Status, ["attempts"] = Attempts(callback.Attempts) };
        return json;
    }

    private static JsonNode Attempts(int attempts) => attempts == int.MaxValue ? JsonValue.Create("all") : JsonValue.Create(attempts);
}
