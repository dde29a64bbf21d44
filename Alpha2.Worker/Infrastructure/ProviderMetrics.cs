using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Alpha2.Contracts;
using StackExchange.Redis;

namespace Alpha2.Worker.Infrastructure;

/// <summary>
/// Records every provider call's latency and outcome, credits spent and poller yields into Redis, where all replicas
/// add to the same figures the metrics panel reads. Writes are fire-and-forget: metrics never slow or fail a call.
/// Calls and credits also go to this process's OpenTelemetry instruments, for Prometheus (docs/metrics.md).
/// </summary>
internal sealed class ProviderMetrics(IConnectionMultiplexer redis, TimeProvider clock, IMeterFactory? meters = null)
{
    /// <summary>How many recent calls the median latency is taken over.</summary>
    public const int LatencyWindow = 200;

    // Provider calls take from milliseconds (a cached RPC) to a minute (a long AI answer).
    private static readonly double[] Seconds = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly TimeSpan UsageLifetime = TimeSpan.FromDays(35);
    private static readonly TimeSpan LatencyLifetime = TimeSpan.FromDays(1);

    // The console charts the last 24 hours; an hour's bucket outlives them by one.
    private static readonly TimeSpan HourLifetime = TimeSpan.FromHours(25);
    private static readonly TimeSpan ExpireEvery = TimeSpan.FromMinutes(1);

    // When this process last set each key's TTL: once a minute is enough for lifetimes of days, and saves an EXPIRE
    // per key per call (the calls are the hot path).
    private readonly ConcurrentDictionary<string, long> _expiredAt = new(StringComparer.Ordinal);

    // Null only where a test builds this by hand, without a host (and so without OpenTelemetry).
    private readonly Histogram<double>? _callDuration = meters?.Create(WorkerComposition.TelemetryName).CreateHistogram(
        "alpha2.provider.call.duration", "s", "Each provider call attempt, by provider and outcome (ok, client_error, throttled, failed).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });

    // The factory hands out one Meter per name: this is the same one.
    private readonly Counter<double>? _credits = meters?.Create(WorkerComposition.TelemetryName).CreateCounter<double>(
        "alpha2.provider.credits", "{credit}", "Credits spent, by provider, in its billing unit: Helius credits, Birdeye CU, else US cents.");

    public void RecordCall(string provider, TimeSpan latency, int? status)
    {
        var db = redis.GetDatabase();
        var latencyKey = RedisKeys.Latency(provider);
        var usageKey = Usage(provider);
        var hourKey = Hour(provider);
        var milliseconds = (long)Math.Round(latency.TotalMilliseconds);
        db.ListLeftPush(latencyKey, milliseconds, flags: CommandFlags.FireAndForget);
        db.ListTrim(latencyKey, 0, LatencyWindow - 1, CommandFlags.FireAndForget);
        db.HashIncrement(usageKey, "calls", 1, CommandFlags.FireAndForget);
        db.HashIncrement(hourKey, "calls", 1, CommandFlags.FireAndForget);
        db.HashIncrement(hourKey, "ms", milliseconds, CommandFlags.FireAndForget);
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
        KeepAlive(db, hourKey, HourLifetime);
        _callDuration?.Record(latency.TotalSeconds, new("provider", provider), new("outcome", Outcome(status)));
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
        var hourKey = Hour(provider);
        db.HashIncrement(usageKey, "credits", credits, CommandFlags.FireAndForget);
        db.HashIncrement(hourKey, "credits", credits, CommandFlags.FireAndForget);
        KeepAlive(db, usageKey, UsageLifetime);
        KeepAlive(db, hourKey, HourLifetime);
        _credits?.Add(credits, new KeyValuePair<string, object?>("provider", provider));
    }

    /// <summary>The call's outcome as the panel counts it: 429 throttled, no answer or 5xx failed.</summary>
    private static string Outcome(int? status) => status switch
    {
        429 => "throttled",
        null or >= 500 => "failed",
        >= 400 => "client_error",
        _ => "ok",
    };

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

    private string Hour(string provider) => RedisKeys.UsageHour(provider, clock.GetUtcNow());

    private string Usage(string provider) => RedisKeys.Usage(provider, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
}
