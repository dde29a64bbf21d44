using Alpha2.Contracts.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alpha2.Api.Metrics;

internal static class MetricsEndpoints
{
    public static RouteGroupBuilder MapMetrics(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/metrics").WithTags("Metrics");
        group.MapGet("/latency-usage", LatencyUsage)
            .WithSummary("Each provider's median latency over its recent calls (all replicas), and its spend since 00:00 UTC.")
            .WithDescription("*_ms: median milliseconds over the last 200 calls. *_credits_used: since 00:00 UTC, in Helius credits, "
                             + "Birdeye compute units, else US cents (Apify from usageTotalUsd; Gemini and Groq from tokens × price).");
        return group;
    }

    internal static async Task<Ok<LatencyUsage>> LatencyUsage(ProviderUsageReader reader)
    {
        var figures = await reader.ReadAsync();
        return TypedResults.Ok(LatencyUsageView.From(figures, suggestion: ""));
    }
}
