using System.Text.Json.Serialization;

namespace Alpha2.Contracts.Ops;

/// <summary>
/// The data of a <c>job</c> event on <c>GET /api/ops/events</c>: a job finished (<c>status</c> <c>done</c>) or failed
/// (<c>failed</c>). The SSE <c>id:</c> of the event is the stream's own, not the job's (docs/operations.md, "Live events").
/// </summary>
public sealed record OpsJobEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("queue")] string Queue,
    [property: JsonPropertyName("status")] string Status);
