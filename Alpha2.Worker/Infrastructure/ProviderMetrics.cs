using System.Collections.Concurrent;
using Alpha2.Contracts;
using StackExchange.Redis;

namespace Alpha2.Worker.Infrastructure;

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
    private static readonly TimeSpan ExpireEvery = TimeSpan.FromMinutes(1);

    // When this process last set each key's TTL: once a minute is enough for lifetimes of days, and saves an EXPIRE
    // per key per call (the calls are the hot path).
    private readonly ConcurrentDictionary<string, long> _expiredAt = new(StringComparer.Ordinal);

    public void RecordCall(string provider, TimeSpan latency, int? status)
    {
        var db = redis.GetDatabase();
        var latencyKey = RedisKeys.Latency(provider);
        var usageKey = Usage(provider);
        db.ListLeftPush(latencyKey, (long)Math.Round(latency.TotalMilliseconds), flags: CommandFlags.FireAndForget);
        db.ListTrim(latencyKey, 0, LatencyWindow - 1, CommandFlags.FireAndForget);
        db.HashIncrement(usageKey, "calls", 1, CommandFlags.FireAndForget);
        if (status == 429)
        {
            db.HashIncrement(usageKey, "throttled", 1, CommandFlags.FireAndForget);
        }
        else if (status is null or >= 500)
        {
            db.HashIncrement(usageKey, "failed", 1, CommandFlags.FireAndForget);
        }

        KeepAlive(db, latencyKey, LatencyLifetime);
        KeepAlive(db, usageKey, UsageLifetime);
    }

    /// <summary>Adds credits in the provider's billing unit (Helius credits, Birdeye CU, else US cents).</summary>
    public void AddCredits(string provider, double credits)
    {
        if (credits <= 0)
        {
            return;
        }

        var db = redis.GetDatabase();
        var usageKey = Usage(provider);
        db.HashIncrement(usageKey, "credits", credits, CommandFlags.FireAndForget);
        KeepAlive(db, usageKey, UsageLifetime);
    }

    /// <summary>Sets the key's TTL the first time this process writes it, then at most once every <see cref="ExpireEvery"/>.</summary>
    private void KeepAlive(IDatabase db, string key, TimeSpan lifetime)
    {
        var now = clock.GetTimestamp();
        if (_expiredAt.TryGetValue(key, out var last) && clock.GetElapsedTime(last, now) < ExpireEvery)
        {
            return;
        }

        if (_expiredAt.Count > 1_000)
        {
            _expiredAt.Clear(); // a key per provider per day: forget old days now and then
        }

        _expiredAt[key] = now;
        db.KeyExpire(key, lifetime, CommandFlags.FireAndForget);
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
