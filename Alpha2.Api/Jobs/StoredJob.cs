using System.Text.Json;
using Alpha2.Contracts.Jobs;

namespace Alpha2.Api.Jobs;

/// <summary>A job as Redis holds it; the result stays the JSON text the worker stored.</summary>
internal sealed record StoredJob(
    string JobId, string Queue, string Status, int Attempts, string? ResultJson, string? Error, string? SummaryJson, long? FinishedAtMs)
{
    public JobView ToView() => new(
        JobId,
        Queue,
        Status,
        ResultJson is null ? null : JsonDocument.Parse(ResultJson).RootElement.Clone(),
        Error,
        SummaryJson is null ? null : JsonDocument.Parse(SummaryJson).RootElement.Clone(),
        Attempts,
        FinishedAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
}
