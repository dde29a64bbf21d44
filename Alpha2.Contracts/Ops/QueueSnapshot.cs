using System.Text.Json.Serialization;

namespace Alpha2.Contracts.Ops;

/// <summary>
/// One queue in <c>GET /api/ops/queues</c>. Counts are exact at the moment of reading: <c>queued</c> waits in the list
/// (retries waiting out a backoff included), <c>processing</c> is held by workers, <c>failed</c> ended failed within
/// retention, <c>dead</c> sits in the dead list. The <c>_1h</c> figures and the percentiles come from the last 60
/// per-minute buckets; a percentile is null when no job finished in that hour. Every field is always present, null or not.
/// </summary>
public sealed record QueueSnapshot(
    [property: JsonPropertyName("queue")] string Queue,
    [property: JsonPropertyName("queued")] long Queued,
    [property: JsonPropertyName("processing")] long Processing,
    [property: JsonPropertyName("failed")] long Failed,
    [property: JsonPropertyName("dead")] long Dead,
    [property: JsonPropertyName("done_1h")] long Done1h,
    [property: JsonPropertyName("failed_1h")] long Failed1h,
    [property: JsonPropertyName("paused")] bool Paused,
    [property: JsonPropertyName("workers")] int Workers,
    [property: JsonPropertyName("oldest_queued_s"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? OldestQueuedSeconds,
    [property: JsonPropertyName("wait_p50_ms"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? WaitP50Ms,
    [property: JsonPropertyName("wait_p95_ms"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? WaitP95Ms,
    [property: JsonPropertyName("run_p50_ms"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? RunP50Ms,
    [property: JsonPropertyName("run_p95_ms"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? RunP95Ms);
