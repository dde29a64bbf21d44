using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Alpha2.Contracts.Metrics;

/// <summary>
/// <c>GET /api/metrics/latency-usage</c>: the spec's six fields first, then the same figures for every other provider.
/// </summary>
public sealed record LatencyUsage(
    [property: JsonPropertyName("apify_ms"), Description("Median latency of the last 200 apify calls across all workers, ms.")] long ApifyMs,
    [property: JsonPropertyName("helius_ms"), Description("Median latency of the last 200 helius calls across all workers, ms.")] long HeliusMs,
    [property: JsonPropertyName("parser_ms"), Description("Median time to fetch and parse a scraped page or announcement list, ms.")] long ParserMs,
    [property: JsonPropertyName("apify_credits_used"), Description("Spent on apify since 00:00 UTC, in US cents (the runs' usageTotalUsd).")] decimal ApifyCreditsUsed,
    [property: JsonPropertyName("groq_credits_used"), Description("Spent on groq since 00:00 UTC, in US cents (tokens × price).")] decimal GroqCreditsUsed,
    [property: JsonPropertyName("suggestion"), Description("A cost or load saving to make, in the UI language; empty when none.")] string Suggestion,
    [property: JsonPropertyName("birdeye_ms"), Description("Median latency of the last 200 birdeye calls across all workers, ms.")] long BirdeyeMs,
    [property: JsonPropertyName("rugcheck_ms"), Description("Median latency of the last 200 rugcheck calls across all workers, ms.")] long RugCheckMs,
    [property: JsonPropertyName("gemini_ms"), Description("Median latency of the last 200 gemini calls across all workers, ms.")] long GeminiMs,
    [property: JsonPropertyName("groq_ms"), Description("Median latency of the last 200 groq calls across all workers, ms.")] long GroqMs,
    [property: JsonPropertyName("binance_ms"), Description("Median latency of the last 200 binance calls across all workers, ms.")] long BinanceMs,
    [property: JsonPropertyName("bybit_ms"), Description("Median latency of the last 200 bybit calls across all workers, ms.")] long BybitMs,
    [property: JsonPropertyName("okx_ms"), Description("Median latency of the last 200 okx calls across all workers, ms.")] long OkxMs,
    [property: JsonPropertyName("telegram_ms"), Description("Median latency of the last 200 telegram calls across all workers, ms.")] long TelegramMs,
    [property: JsonPropertyName("helius_credits_used"), Description("Spent on helius since 00:00 UTC, in Helius credits.")] decimal HeliusCreditsUsed,
    [property: JsonPropertyName("parser_credits_used"), Description("Spent on parser since 00:00 UTC, in US cents; free, so 0.")] decimal ParserCreditsUsed,
    [property: JsonPropertyName("birdeye_credits_used"), Description("Spent on birdeye since 00:00 UTC, in Birdeye compute units.")] decimal BirdeyeCreditsUsed,
    [property: JsonPropertyName("rugcheck_credits_used"), Description("Spent on rugcheck since 00:00 UTC, in US cents; free, so 0.")] decimal RugCheckCreditsUsed,
    [property: JsonPropertyName("gemini_credits_used"), Description("Spent on gemini since 00:00 UTC, in US cents (tokens × price).")] decimal GeminiCreditsUsed,
    [property: JsonPropertyName("binance_credits_used"), Description("Spent on binance since 00:00 UTC, in US cents; free, so 0.")] decimal BinanceCreditsUsed,
    [property: JsonPropertyName("bybit_credits_used"), Description("Spent on bybit since 00:00 UTC, in US cents; free, so 0.")] decimal BybitCreditsUsed,
    [property: JsonPropertyName("okx_credits_used"), Description("Spent on okx since 00:00 UTC, in US cents; free, so 0.")] decimal OkxCreditsUsed,
    [property: JsonPropertyName("telegram_credits_used"), Description("Spent on telegram since 00:00 UTC, in US cents; free, so 0.")] decimal TelegramCreditsUsed,
    [property: JsonPropertyName("mints_source"), Description("What feeds the new-mint list: websocket (logsSubscribe), poller (Enhanced Transactions) or webhook (neither ran in the last 10 minutes).")] string MintsSource,
    [property: JsonPropertyName("mints_credits_per_mint"), Description("Helius credits that source spent today per create it found (enrichment, 12 per mint, not included); null before its first.")] decimal? MintsCreditsPerMint);
