using Alpha2.Api.Infrastructure;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alpha2.Api.Jobs;

internal static class JobEndpoints
{
    public const int MaxWaitSeconds = 30;

    public static RouteGroupBuilder MapJobs(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/jobs").WithTags("Jobs");
        group.MapGet("/{jobId}", GetJob)
            .Produces<JobView>()
            .WithSummary("A job's status, result or error; ?wait=N long-polls up to N seconds (max 30) for it to finish.");
        return group;
    }

    internal static async Task<Results<Utf8JsonResult, ProblemHttpResult, ValidationProblem>> GetJob(
        string jobId, int? wait, JobReader reader, JobCompletionSignal signal, CancellationToken cancellationToken)
    {
        if (wait is < 0 or > MaxWaitSeconds)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["wait"] = [$"wait must be between 0 and {MaxWaitSeconds} seconds."] });
        }

        var job = await reader.FindAsync(jobId);
        if (job is null)
        {
            return JobAnswers.NotFound(jobId);
        }

        if (wait is > 0 && !JobStatus.IsFinished(job.Status))
        {
            using var waiter = await signal.ListenAsync(jobId, cancellationToken);
            // Re-read after subscribing: the job may have finished in between.
            job = await reader.FindAsync(jobId) ?? job;
            if (!JobStatus.IsFinished(job.Status) && await waiter.WaitAsync(TimeSpan.FromSeconds(wait.Value), cancellationToken))
            {
                job = await reader.FindAsync(jobId) ?? job;
            }
        }

        return job.ToResult();
    }
}
