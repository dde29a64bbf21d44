using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.Jobs;

namespace Alpha2.Api.Jobs;

/// <summary>A job as Redis holds it; the result stays the JSON text the worker stored.</summary>
internal sealed record StoredJob(
    string JobId, string Queue, string Status, int Attempts, string? ResultJson, string? Error, string? SummaryJson, long? FinishedAtMs)
{
    private JobView ToView() => new(
        JobId,
        Queue,
        Status,
        ResultJson is null ? null : new RawJson(ResultJson),
        Error,
        SummaryJson is null ? null : new RawJson(SummaryJson),
        Attempts,
        FinishedAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);

    /// <summary>The job as <c>GET /api/jobs/{jobId}</c> answers it, in one send.</summary>
    public Utf8JsonResult ToResult(int statusCode = StatusCodes.Status200OK) =>
        new(JsonSerializer.SerializeToUtf8Bytes(ToView(), Alpha2Json.Default.JobView), statusCode);
}
