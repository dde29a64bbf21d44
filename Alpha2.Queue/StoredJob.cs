using Alpha2.Contracts.Jobs;

namespace Alpha2.Queue;

/// <summary>A job as Redis holds it; the result stays the JSON text the worker stored.</summary>
public sealed record StoredJob(
    string JobId, string Queue, string Status, int Attempts, string? ResultJson, string? Error, string? SummaryJson, long? FinishedAtMs)
{
    /// <summary>The job as <c>GET /api/jobs/{jobId}</c> shows it.</summary>
    public JobView ToView() => new(
        JobId,
        Queue,
        Status,
        ResultJson is null ? null : new RawJson(ResultJson),
        Error,
        SummaryJson is null ? null : new RawJson(SummaryJson),
        Attempts,
        FinishedAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
}
