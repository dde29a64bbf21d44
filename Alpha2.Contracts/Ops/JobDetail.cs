using System.Text.Json.Serialization;
using Alpha2.Contracts.Jobs;

namespace Alpha2.Contracts.Ops;

/// <summary>
/// <c>GET /api/ops/jobs/{jobId}</c>: the job as queued (<c>payload</c>), its state, every claim with its error
/// (<c>attempts</c>, by claim number), the worker of the latest claim, its times, result and trace id.
/// </summary>
public sealed record JobDetail(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("queue")] string Queue,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("payload"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] RawJson? Payload,
    [property: JsonPropertyName("attempt_count")] int AttemptCount,
    [property: JsonPropertyName("attempts")] IReadOnlyList<JobAttempt> Attempts,
    [property: JsonPropertyName("worker"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Worker,
    [property: JsonPropertyName("queued_at"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? QueuedAt,
    [property: JsonPropertyName("started_at"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("finished_at"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? FinishedAt,
    [property: JsonPropertyName("result"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] RawJson? Result,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Error,
    [property: JsonPropertyName("trace_id"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? TraceId);

/// <summary>One claim of a job: its number (the fencing token, counting every claim) and its error, null when it had none.</summary>
public sealed record JobAttempt(
    [property: JsonPropertyName("claim")] long Claim,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Error);
