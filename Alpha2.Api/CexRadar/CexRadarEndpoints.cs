using Alpha2.Api.Infrastructure;
using Alpha2.Api.Jobs;
using Alpha2.Contracts;
using Alpha2.Contracts.CexRadar;
using Alpha2.Contracts.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alpha2.Api.CexRadar;

internal static class CexRadarEndpoints
{
    public static RouteGroupBuilder MapCexRadar(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cex-radar").WithTags("CEX radar");
        group.MapPost("/search", Search)
            .Validate<CexRadarSearchRequest>()
            .WithSummary("Queues a search of new CEX listings for a token name or ticker.");
        group.MapGet("/result", Result)
            .Produces<CexListing[]>()
            .WithSummary("The latest finished search ([] before the first); ?jobId= one search, 202 with its status while pending.");
        return group;
    }

    internal static Task<Accepted<JobAccepted>> Search(CexRadarSearchRequest request, JobQueue jobs, CancellationToken cancellationToken) =>
        Enqueue.AcceptAsync(jobs, QueueNames.CexRadar, request with { Query = request.Query!.Trim() }, Alpha2Json.Default.CexRadarSearchRequest, cancellationToken);

    internal static Task<IResult> Result(string? jobId, JobReader reader) =>
        StoredResults.ServeAsync(QueueNames.CexRadar, jobId, reader);
}
