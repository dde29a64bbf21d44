using System.Text.Json.Serialization;

namespace Alpha2.Contracts.Metrics;

/// <summary>One provider in <c>GET /api/metrics/history</c>: its calls hour by hour, oldest first, every hour present.</summary>
public sealed record ProviderHistory(
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("hours")] IReadOnlyList<ProviderHour> Hours);

/// <summary>
/// One hour of a provider across all workers: <c>t</c> is the hour's start (unix seconds), <c>avg_ms</c> the mean call
/// latency (null without calls), <c>credits</c> the spend in the provider's billing unit (as in latency-usage).
/// </summary>
public sealed record ProviderHour(
    [property: JsonPropertyName("t")] long T,
    [property: JsonPropertyName("calls")] long Calls,
    [property: JsonPropertyName("avg_ms"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? AvgMs,
    [property: JsonPropertyName("credits")] decimal Credits);
