using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Queue;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alpha2.Api.Infrastructure;

/// <summary>How every endpoint answers about a stored job.</summary>
internal static class JobAnswers
{
    /// <summary>The job as <c>GET /api/jobs/{jobId}</c> answers it, in one send.</summary>
    public static Utf8JsonResult ToResult(this StoredJob job, int statusCode = StatusCodes.Status200OK) =>
        new(JsonSerializer.SerializeToUtf8Bytes(job.ToView(), Alpha2Json.Default.JobView), statusCode);

    public static ProblemHttpResult NotFound(string jobId) =>
        TypedResults.Problem(
            $"No job '{Sanitize(jobId)}' exists, or it finished longer ago than the retention period.",
            statusCode: StatusCodes.Status404NotFound,
            title: "Job not found");

    /// <summary>A job id echoed in an error, with anything but id characters dropped and its length capped.</summary>
    private static string Sanitize(string jobId) =>
        new(jobId.Where(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '-').Take(80).ToArray());
}
