using Alpha2.Api.Infrastructure;
using Alpha2.Contracts;
using Alpha2.Contracts.CexRadar;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;

namespace Alpha2.Api.CexRadar;

internal static class CexRadarEndpoints
{
    public static RouteGroupBuilder MapCexRadar(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cex-radar").WithTags("CEX radar");
        group.MapPost("/search", Search)
            .QueuesWork()
            .Validate<CexRadarSearchRequest>()
            .WithSummary("Queues a search of new CEX listings for a token name or ticker.");
        group.MapGet("/result", Result)
            .Produces<CexListing[]>()
            .WithSummary("The latest finished search ([] before the first); ?jobId= one search, 202 with its status while pending.");
        return group;
    }

    internal static Task<JobAcceptedResult> Search(
        CexRadarSearchRequest request, JobQueue jobs, CexRadarOptions options, CancellationToken cancellationToken)
    {
        var query = CexQuery.Normalize(request.Query!);
        var share = new JobShare(RedisKeys.CexSearchShare(CexQuery.ShareKey(query)), options.ShareWindow);
        return Enqueue.AcceptAsync(jobs, QueueNames.CexRadar, request with { Query = query }, Alpha2Json.Default.CexRadarSearchRequest, cancellationToken, share);
    }

    internal static Task<IResult> Result(string? jobId, JobReader reader) =>
        StoredResults.ServeAsync(QueueNames.CexRadar, jobId, reader);
}
