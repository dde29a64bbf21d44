using System.Text.Json.Serialization;

namespace Alpha2.Contracts.Metrics;

/// <summary>The spec's <c>GET /api/metrics/latency-usage</c> answer.</summary>
public sealed record LatencyUsage(
    [property: JsonPropertyName("apify_ms")] long ApifyMs,
    [property: JsonPropertyName("helius_ms")] long HeliusMs,
    [property: JsonPropertyName("parser_ms")] long ParserMs,
    [property: JsonPropertyName("apify_credits_used")] decimal ApifyCreditsUsed,
    [property: JsonPropertyName("groq_credits_used")] decimal GroqCreditsUsed,
    [property: JsonPropertyName("suggestion")] string Suggestion);
