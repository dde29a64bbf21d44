using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Alpha2.Queue.Ops;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alpha2.Api.Ops;

/// <summary>
/// <c>GET /api/ops/events</c>: the operator's live events as server-sent events, from the process's one
/// <see cref="OpsEventHub"/> (docs/operations.md, "Live events").
/// </summary>
internal static class OpsEventsEndpoints
{
    public const string Path = "/api/ops/events";

    /// <summary>The header a browser's <c>EventSource</c> sends on reconnecting: the id of the last event it got.</summary>
    public const string LastEventIdHeader = "Last-Event-ID";

    public static IServiceCollection AddOpsEvents(this IServiceCollection services)
    {
        services.TryAddSingleton<OpsEventHub>();
        return services;
    }

    public static RouteHandlerBuilder MapOpsEvents(this IEndpointRouteBuilder routes) =>
        routes.MapGet(Path, StreamAsync)
            .WithTags("Ops")
            .WithSummary("Server-sent events: queues (the /api/ops/queues snapshot when it changed, at most once a second), "
                         + "job ({\"id\",\"queue\",\"status\"} when a job finished or failed), mint (the mint feed got a row). "
                         + "Send Last-Event-ID to get the job events of the last minute you missed.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

    internal static async Task StreamAsync(HttpContext context, [FromServices] OpsEventHub hub, [FromServices] IHostApplicationLifetime lifetime)
    {
        using var stream = await hub.ConnectAsync(LastEventId(context.Request), context.RequestAborted);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // nginx would otherwise hold events back in its buffer.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // The stream ends when the client leaves, and when this API stops (the client then reconnects to another).
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var body = response.BodyWriter;
        try
        {
            await response.StartAsync(ending.Token);
            foreach (var item in stream.Backlog)
            {
                Write(body, item);
            }

            if ((await body.FlushAsync(ending.Token)).IsCompleted)
            {
                return;
            }

            var live = stream.Live;
            while (await live.WaitToReadAsync(ending.Token))
            {
                // What came together goes out together; nothing waits for more.
                while (live.TryRead(out var item))
                {
                    Write(body, item);
                }

                if ((await body.FlushAsync(ending.Token)).IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // The client left or the API stops: a clean end.
        }
    }

    /// <summary><c>event: job\nid: 42\ndata: {…}\n\n</c>; a keep-alive is the comment <c>: keep-alive\n\n</c>.</summary>
    internal static void Write(PipeWriter body, OpsEvent item)
    {
        if (item.IsKeepAlive)
        {
            body.Write(": keep-alive\n\n"u8);
            return;
        }

        var head = item.Id is { } id
            ? $"event: {item.Type}\nid: {id.ToString(CultureInfo.InvariantCulture)}\ndata: "
            : $"event: {item.Type}\ndata: ";
        Encoding.UTF8.GetBytes(head, body);
        body.Write(item.Data.Span);
        body.Write("\n\n"u8);
    }

    private static long? LastEventId(HttpRequest request) =>
        long.TryParse(request.Headers[LastEventIdHeader].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
