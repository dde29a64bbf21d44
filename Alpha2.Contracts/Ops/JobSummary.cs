using System.Text.Json.Serialization;

namespace Alpha2.Contracts.Ops;

/// <summary>One job in <c>GET /api/ops/jobs</c>; times are ISO 8601 UTC, null when not reached.</summary>
public sealed record JobSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("queue")] string Queue,
    [property: JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Status,
    [property: JsonPropertyName("queued_at"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? QueuedAt,
    [property: JsonPropertyName("finished_at"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? FinishedAt,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Error);

/// <summary>A page of jobs, newest first; <c>next_cursor</c> asks for the next page, null at the end.</summary>
public sealed record JobPage(
    [property: JsonPropertyName("items")] IReadOnlyList<JobSummary> Items,
    [property: JsonPropertyName("next_cursor"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);
