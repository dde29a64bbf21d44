using System.Text.Json.Serialization;

namespace Alpha2.Contracts.Ops;

/// <summary>A live worker in <c>GET /api/ops/workers</c>; <c>started_at</c> is ISO 8601 UTC.</summary>
public sealed record WorkerView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("queues")] IReadOnlyList<string> Queues,
    [property: JsonPropertyName("concurrency")] int Concurrency,
    [property: JsonPropertyName("busy")] int Busy,
    [property: JsonPropertyName("heartbeat_age_s")] double HeartbeatAgeSeconds,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("version")] string Version);
