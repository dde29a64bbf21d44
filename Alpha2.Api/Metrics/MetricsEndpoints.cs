using Alpha2.Contracts.AiInfer;
using Alpha2.Contracts.Jobs;
using Alpha2.Contracts.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;
using StackExchange.Redis;

namespace Alpha2.Api.Metrics;

internal static class MetricsEndpoints
{
    public static RouteGroupBuilder MapMetrics(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/metrics").WithTags("Metrics");
        group.MapGet("/latency-usage", LatencyUsage)
            .WithSummary("Provider latency (median ms) and spend since 00:00 UTC; *_credits_used for LLMs is US cents.");
        return group;
    }

    // Latency and the non-AI providers' credits are recorded by the features that call them (the metrics issue);
    // until they exist these figures are 0, not invented. Groq's spend is already settled by the AI handler.
    internal static async Task<Ok<LatencyUsage>> LatencyUsage(IConnectionMultiplexer redis, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var groqMicroUsd = (long?)await redis.GetDatabase().StringGetAsync(RedisKeys.AiSpend(AiProviders.Groq, today)) ?? 0;
        return TypedResults.Ok(new LatencyUsage(0, 0, 0, 0, Math.Round(groqMicroUsd / 10_000m, 2), ""));
    }
}
