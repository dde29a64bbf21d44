using Alpha2.Contracts.Jobs;
using StackExchange.Redis;

namespace Alpha2.Worker.Metrics;

/// <summary>
/// Records every provider call's latency and outcome, credits spent and poller yields into Redis, where all replicas
/// add to the same figures the metrics panel reads. Writes are fire-and-forget: metrics never slow or fail a call.
/// </summary>
internal sealed class ProviderMetrics(IConnectionMultiplexer redis, TimeProvider clock)
{
    /// <summary>How many recent calls the median latency is taken over.</summary>
    public const int LatencyWindow = 200;

    private static readonly TimeSpan UsageLifetime = TimeSpan.FromDays(35);
    private static readonly TimeSpan LatencyLifetime = TimeSpan.FromDays(1);

    public void RecordCall(string provider, TimeSpan latency, int? status)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var latencyKey = RedisKeys.Latency(provider);
        var usageKey = Usage(provider);
        _ = batch.ListLeftPushAsync(latencyKey, (long)Math.Round(latency.TotalMilliseconds), flags: CommandFlags.FireAndForget);
        _ = batch.ListTrimAsync(latencyKey, 0, LatencyWindow - 1, CommandFlags.FireAndForget);
        _ = batch.KeyExpireAsync(latencyKey, LatencyLifetime, CommandFlags.FireAndForget);
        _ = batch.HashIncrementAsync(usageKey, "calls", 1, CommandFlags.FireAndForget);
        if (status == 429)
        {
            _ = batch.HashIncrementAsync(usageKey, "throttled", 1, CommandFlags.FireAndForget);
        }
        else if (status is null or >= 500)
        {
            _ = batch.HashIncrementAsync(usageKey, "failed", 1, CommandFlags.FireAndForget);
        }

        _ = batch.KeyExpireAsync(usageKey, UsageLifetime, CommandFlags.FireAndForget);
        batch.Execute();
    }

    /// <summary>Adds credits in the provider's billing unit (Helius credits, Birdeye CU, else US cents).</summary>
    public void AddCredits(string provider, double credits)
    {
        if (credits <= 0)
        {
            return;
        }

        var batch = redis.GetDatabase().CreateBatch();
        _ = batch.HashIncrementAsync(Usage(provider), "credits", credits, CommandFlags.FireAndForget);
        _ = batch.KeyExpireAsync(Usage(provider), UsageLifetime, CommandFlags.FireAndForget);
        batch.Execute();
    }

    /// <summary>A recurring poller's run: how many new items it found, and how often it runs (for the frequency rule).</summary>
    public void RecordPollerRun(string poller, int newItems, TimeSpan interval)
    {
        var key = RedisKeys.Poller(poller);
        var batch = redis.GetDatabase().CreateBatch();
        if (newItems > 0)
        {
            _ = batch.HashSetAsync(key, "empty_streak", 0, flags: CommandFlags.FireAndForget);
        }
        else
        {
            _ = batch.HashIncrementAsync(key, "empty_streak", 1, CommandFlags.FireAndForget);
        }

        _ = batch.HashSetAsync(key, "interval_seconds", (long)interval.TotalSeconds, flags: CommandFlags.FireAndForget);
        _ = batch.HashIncrementAsync(key, "runs", 1, CommandFlags.FireAndForget);
        _ = batch.KeyExpireAsync(key, TimeSpan.FromDays(1), CommandFlags.FireAndForget);
        batch.Execute();
    }

    private string Usage(string provider) => RedisKeys.Usage(provider, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
}
