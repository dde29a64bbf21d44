using Alpha2.Api.Infrastructure;
using Alpha2.Contracts;
using Alpha2.Contracts.Jobs;
using Alpha2.Contracts.Whales;
using Alpha2.Queue;
using Microsoft.AspNetCore.Mvc;

namespace Alpha2.Api.Whales;

internal static class WhalesEndpoints
{
    public static RouteGroupBuilder MapWhales(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/whales").WithTags("Whales");
        group.MapPost("/scan", Scan)
            .QueuesWork()
            .Validate<WhaleScanRequest>()
            .WithSummary("Queues a whale scan of the given mints, or of the latest feed mints when the body is empty.");
        group.MapGet("/top3", Top3)
            .Produces<WhaleRow[]>()
            .WithSummary("The latest scan's top 3 ([] before the first); ?jobId= one scan, 202 with its status while pending.");
        return group;
    }

    internal static Task<JobAcceptedResult> Scan(
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] WhaleScanRequest? request,
        JobQueue jobs,
        CancellationToken cancellationToken) =>
        Enqueue.AcceptAsync(jobs, QueueNames.Whales, request ?? new WhaleScanRequest(null), Alpha2Json.Default.WhaleScanRequest, cancellationToken);

    internal static Task<IResult> Top3(string? jobId, JobReader reader) =>
        StoredResults.ServeAsync(QueueNames.Whales, jobId, reader);
}
