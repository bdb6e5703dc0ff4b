using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FakeRiver.Admin;
using FakeRiver.Observability;
using FakeRiver.Requests;

namespace FakeRiver.Dashboard;

/// <summary>
/// The dashboard under <c>/__admin/ui</c> (embedded static files) and the data it reads: <c>/__admin/events</c>, a
/// server-sent event stream of the feed (retained events, then live ones; resumes after <c>Last-Event-ID</c>; one
/// project's with <c>X-FakeRiver-Project</c>; in cluster mode every node's, docs/ARCHITECTURE.md 2.1), and
/// <c>/__admin/timeline/{channel_id}</c>, one request's retained events as JSON. Read-only GETs.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Where the dashboard is served.</summary>
    public const string Path = "/__admin/ui";

    // The pages load nothing from elsewhere and run no inline script.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

    /// <summary>Maps the dashboard page and its embedded files.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // "/__admin/ui" and "/__admin/ui/" are one route to ASP.NET Core; the page links its files by absolute path.
        endpoints.MapGet(Path, (HttpContext context) => Asset(context, "dashboard.html"));
        endpoints.MapGet(Path + "/{file}", (string file, HttpContext context) => Asset(context, file));
        endpoints.MapGet("/__admin/events", Events);
        endpoints.MapGet("/__admin/timeline/{channelId}", (string channelId, RiverEventFeed feed) =>
            Results.Json(new JsonObject { ["events"] = new JsonArray([.. feed.ForChannel(channelId).Select(e => JsonNode.Parse(e.Json))]) },
                WireJson.Options));
    }

    private static IResult Asset(HttpContext context, string file)
    {
        if (EmbeddedAssets.Find(file) is not { } asset) return ApiErrors.NotFound($"No dashboard file '{file}'", "route_not_found");
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(asset.Bytes, asset.ContentType);
    }

    private static IResult Events(HttpContext context, AdminScope scope, IRequestDirectory directory, RiverEventFeed feed,
        IHostApplicationLifetime lifetime)
    {
        var after = ParseId(context.Request.Headers["Last-Event-ID"].ToString()) ?? ParseId(context.Request.Query["after"].ToString()) ?? 0;
        var subscription = feed.Subscribe(after);
        if (subscription is null)
            return ApiErrors.Create(StatusCodes.Status503ServiceUnavailable, "api_error", "too_many_dashboards",
                $"At most {RiverEventFeed.MaxSubscribers} dashboard streams at once");
        context.Response.Headers.CacheControl = "no-cache";
        var events = Stream(subscription, context.RequestAborted, lifetime.ApplicationStopping);
        return TypedResults.ServerSentEvents(scope.ProjectId is { } project ? Scoped(events, project, directory) : events);
    }

    /// <summary>Retained events, a <c>ready</c> marker, then live events until the client leaves or the host stops.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Stream(RiverEventSubscription subscription, CancellationToken aborted,
        CancellationToken stopping, [EnumeratorCancellation] CancellationToken ct = default)
    {
        // An open stream must not hold a stopping host for its whole shutdown timeout.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping, ct);
        using (subscription)
        {
            foreach (var evt in subscription.Replay) yield return Item(evt);
            yield return new SseItem<string>("{}", "ready");
            while (true)
            {
                bool more;
                try
                {
                    more = await subscription.Live.WaitToReadAsync(linked.Token);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                if (!more) yield break;
                while (subscription.Live.TryRead(out var evt)) yield return Item(evt);
            }
        }
    }

    /// <summary>
    /// A project's stream (<c>X-FakeRiver-Project</c> or <c>?project=</c>): only the events of its requests, found
    /// through the request directory (this node's registry; in cluster mode the shared record, so another node's
    /// relayed events are scoped too). An event of a request no longer known is left out, as in the journals.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> Scoped(IAsyncEnumerable<SseItem<string>> events, string project,
        IRequestDirectory directory)
    {
        var projects = new ChannelProjects(directory);
        await foreach (var item in events)
        {
            if (item.EventType == "ready" || await projects.OfAsync(item.Data) == project) yield return item;
        }
    }

    private static SseItem<string> Item(RiverEvent evt) =>
        new(evt.Json, evt.Kind) { EventId = evt.Id.ToString(CultureInfo.InvariantCulture) };

    private static long? ParseId(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
