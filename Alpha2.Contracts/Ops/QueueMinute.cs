using System.Text.Json.Serialization;

namespace Alpha2.Contracts.Ops;

/// <summary>One minute of <c>GET /api/ops/queues/{queue}/history</c>: <c>t</c> is the minute's start, unix seconds.</summary>
public sealed record QueueMinute(
    [property: JsonPropertyName("t")] long T,
    [property: JsonPropertyName("done")] long Done,
    [property: JsonPropertyName("failed")] long Failed,
    [property: JsonPropertyName("wait_p50_ms"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? WaitP50Ms,
    [property: JsonPropertyName("run_p50_ms"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? RunP50Ms);
