using Alpha2.Contracts.Jobs;
using Alpha2.Queue;

namespace Alpha2.Api.Infrastructure;

/// <summary>
/// How a feature's GET serves what its worker stored: the latest result as stored bytes (<c>[]</c> before the first),
/// or with <c>?jobId=</c> that job's result, 202 with its status while pending, 422 with its error when it failed.
/// </summary>
internal static class StoredResults
{
    public static async Task<IResult> ServeAsync(string queue, string? jobId, JobReader reader)
    {
        if (string.IsNullOrEmpty(jobId))
        {
            return await reader.LatestResultAsync(queue) is { } latest ? new Utf8JsonResult(latest) : Utf8JsonResult.EmptyArray;
        }

        var job = QueueNames.OfJob(jobId) == queue ? await reader.FindAsync(jobId) : null;
        return job switch
        {
            null => JobAnswers.NotFound(jobId),
            { Status: JobStatus.Done, ResultJson: { } result } => TypedResults.Text(result, "application/json"),
            { Status: JobStatus.Failed } => TypedResults.Problem(job.Error, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Job failed"),
            _ => job.ToResult(StatusCodes.Status202Accepted),
        };
    }
}
