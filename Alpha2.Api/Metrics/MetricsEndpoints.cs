using Alpha2.Contracts.AiInfer;
using Alpha2.Contracts.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Alpha2.Api.Metrics;

internal static class MetricsEndpoints
{
    public static RouteGroupBuilder MapMetrics(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/metrics").WithTags("Metrics");
        group.MapGet("/latency-usage", LatencyUsage)
            .WithSummary("Each provider's median latency over its recent calls (all replicas), its spend since 00:00 UTC, and a suggestion (?lang=en for English).")
            .WithDescription("*_ms: median milliseconds over the last 200 calls. *_credits_used: since 00:00 UTC, in Helius credits, "
                             + "Birdeye compute units, else US cents (Apify from usageTotalUsd; Gemini and Groq from tokens × price).");
        group.MapGet("/history", History)
            .WithSummary("Each provider's calls, mean latency and credits per UTC hour over the last ?hours= (1–24, default 24), oldest first.");
        return group;
    }

    internal static async Task<Results<Ok<ProviderHistory[]>, ValidationProblem>> History(int? hours, ProviderHistoryReader reader)
    {
        if (hours is < 1 or > ProviderHistoryReader.MaxHours)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["hours"] = [$"hours must be between 1 and {ProviderHistoryReader.MaxHours}."],
            });
        }

        return TypedResults.Ok(await reader.ReadAsync(hours ?? ProviderHistoryReader.MaxHours));
    }

    internal static async Task<Results<Ok<LatencyUsage>, ValidationProblem>> LatencyUsage(
        string? lang, ProviderUsageReader reader, MintSourceReader mints, SuggestionOptions options, IOptions<AiOptions> ai, TimeProvider clock)
    {
        if (lang is not (null or "ru" or "en"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lang"] = ["lang must be ru or en."] });
        }

        var usage = await reader.ReadAsync();
        var suggestion = SuggestionRules.QuotaUsedUp(usage.QuotaBlocks, ai.Value, english: lang == "en")
            ?? SuggestionRules.Suggest(usage.Providers, usage.Pollers, options, clock.GetUtcNow(), english: lang == "en");
        return TypedResults.Ok(LatencyUsageView.From(usage.Providers, suggestion, await mints.ReadAsync()));
    }
}
