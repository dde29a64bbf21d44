using Alpha2.Contracts;
using Alpha2.Contracts.AiInfer;
using Alpha2.Contracts.Metrics;
using StackExchange.Redis;

namespace Alpha2.Api.Metrics;

/// <summary>
/// Reads what every worker replica recorded: each provider's recent latencies and today's usage, and the AI models
/// whose quota is used up, in one round trip.
/// </summary>
internal sealed class ProviderUsageReader(IConnectionMultiplexer redis, TimeProvider clock)
{
    public async Task<UsageSnapshot> ReadAsync()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var batch = redis.GetDatabase().CreateBatch();
        var reads = ProviderNames.All.Select(provider => (
            Provider: provider,
            Latencies: batch.ListRangeAsync(RedisKeys.Latency(provider)),
            Usage: batch.HashGetAllAsync(RedisKeys.Usage(provider, today)))).ToArray();
        var pollers = PollerNames.All.Select(poller => (
            Poller: poller,
            Runs: batch.HashGetAsync(RedisKeys.Poller(poller), ["empty_streak", "interval_seconds"]))).ToArray();
        var blocks = batch.HashValuesAsync(RedisKeys.AiQuotaBlocks);
        batch.Execute();

        var providers = new Dictionary<string, ProviderFigures>(StringComparer.Ordinal);
        foreach (var (provider, latencies, usage) in reads)
        {
            providers[provider] = ProviderFigures.From(await latencies, await usage);
        }

        var runs = new Dictionary<string, PollerFigures>(StringComparer.Ordinal);
        foreach (var (poller, read) in pollers)
        {
            if (await read is [{ IsNull: false } emptyStreak, var interval])
            {
                runs[poller] = new PollerFigures((long)emptyStreak, TimeSpan.FromSeconds(interval.IsNull ? 0 : (long)interval));
            }
        }

        return new UsageSnapshot(providers, runs, AiQuotaBlock.Live((await blocks).ToStringArray(), clock.GetUtcNow()));
    }
}

internal sealed record UsageSnapshot(
    IReadOnlyDictionary<string, ProviderFigures> Providers, IReadOnlyDictionary<string, PollerFigures> Pollers, IReadOnlyList<AiQuotaBlock> QuotaBlocks);

/// <summary>One provider's figures: median latency over the recent window, and today's calls and credits.</summary>
internal sealed record ProviderFigures(long MedianMs, decimal Credits, long Calls, long Throttled, long Failed)
{
    public static ProviderFigures From(RedisValue[] latencies, HashEntry[] usage)
    {
        var fields = usage.ToDictionary(e => e.Name.ToString(), e => e.Value);
        return new ProviderFigures(
            Median(latencies.Select(l => (long)l).ToArray()),
            fields.TryGetValue("credits", out var credits) ? Math.Round((decimal)(double)credits, 2) : 0,
            fields.TryGetValue("calls", out var calls) ? (long)calls : 0,
            fields.TryGetValue("throttled", out var throttled) ? (long)throttled : 0,
            fields.TryGetValue("failed", out var failed) ? (long)failed : 0);
    }

    private static long Median(long[] values)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle] + 1) / 2;
    }
}
