using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Alpha2.Contracts;
using Alpha2.Queue.Consumer;
using StackExchange.Redis;

namespace Alpha2.Worker.Infrastructure;

/// <summary>
/// Records every provider call's latency and outcome, credits spent and poller yields into Redis, where all replicas
/// add to the same figures the metrics panel reads. Calls and credits are tallied in memory and go out with the next
/// job outcome this worker writes (<see cref="IPendingWrites"/>) or poller run it records, else within
/// <see cref="FlushEvery"/>: one set of increments per provider per batch instead of seven commands per call, and a
/// job seen done already shows in the panel. Writes are fire-and-forget: metrics never slow or fail a call; a crash
/// loses at most the last second's. Calls and credits also go to this process's OpenTelemetry instruments, for
/// Prometheus (docs/metrics.md).
/// </summary>
internal sealed class ProviderMetrics : IPendingWrites, IDisposable
{
    /// <summary>How many recent calls the median latency is taken over.</summary>
    public const int LatencyWindow = 200;

    public static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);

    // Provider calls take from milliseconds (a cached RPC) to a minute (a long AI answer).
    private static readonly double[] Seconds = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly TimeSpan UsageLifetime = TimeSpan.FromDays(35);
    private static readonly TimeSpan LatencyLifetime = TimeSpan.FromDays(1);

    // The console charts the last 24 hours; an hour's bucket outlives them by one.
    private static readonly TimeSpan HourLifetime = TimeSpan.FromHours(25);
    private static readonly TimeSpan ExpireEvery = TimeSpan.FromMinutes(1);

    private readonly IConnectionMultiplexer _redis;
    private readonly TimeProvider _clock;
    private readonly ITimer _flush;
    private readonly Lock _gate = new();

    // What is counted and not yet sent, by the provider's hour key (a provider's hour names its day too).
    private Dictionary<string, Tally> _pending = new(StringComparer.Ordinal);

    // When this process last set each key's TTL: once a minute is enough for lifetimes of days, and saves an EXPIRE
    // per key per batch.
    private readonly ConcurrentDictionary<string, long> _expiredAt = new(StringComparer.Ordinal);

    // Null only where a test builds this by hand, without a host (and so without OpenTelemetry).
    private readonly Histogram<double>? _callDuration;
    private readonly Counter<double>? _credits;

    public ProviderMetrics(IConnectionMultiplexer redis, TimeProvider clock, IMeterFactory? meters = null)
    {
        _redis = redis;
        _clock = clock;
        var meter = meters?.Create(WorkerComposition.TelemetryName);
        _callDuration = meter?.CreateHistogram(
            "alpha2.provider.call.duration", "s", "Each provider call attempt, by provider and outcome (ok, client_error, throttled, failed).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });
        _credits = meter?.CreateCounter<double>(
            "alpha2.provider.credits", "{credit}", "Credits spent, by provider, in its billing unit: Helius credits, Birdeye CU, else US cents.");
        _flush = clock.CreateTimer(_ => Flush(), null, FlushEvery, FlushEvery);
    }

    public void RecordCall(string provider, TimeSpan latency, int? status)
    {
        var milliseconds = (long)Math.Round(latency.TotalMilliseconds);
        lock (_gate)
        {
            var tally = TallyOf(provider);
            tally.Calls++;
            tally.Milliseconds += milliseconds;
            tally.Throttled += status == 429 ? 1 : 0;
            tally.Failed += status is null or >= 500 ? 1 : 0;
            tally.Latencies.Add(milliseconds);
            if (tally.Latencies.Count >= 2 * LatencyWindow)
            {
                tally.Latencies.RemoveRange(0, LatencyWindow); // older than the window: the panel would trim them
            }
        }

        _callDuration?.Record(latency.TotalSeconds, new("provider", provider), new("outcome", Outcome(status)));
    }

    /// <summary>Adds credits in the provider's billing unit (Helius credits, Birdeye CU, else US cents).</summary>
    public void AddCredits(string provider, double credits)
    {
        if (credits <= 0)
        {
            return;
        }

        lock (_gate)
        {
            TallyOf(provider).Credits += credits;
        }

        _credits?.Add(credits, new KeyValuePair<string, object?>("provider", provider));
    }

    public void MoveTo(IBatch batch)
    {
        Dictionary<string, Tally> pending;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            (pending, _pending) = (_pending, new Dictionary<string, Tally>(StringComparer.Ordinal));
        }

        foreach (var (hourKey, tally) in pending)
        {
            if (tally.Calls > 0)
            {
                var latencies = tally.Latencies.TakeLast(LatencyWindow).Select(ms => (RedisValue)ms).ToArray();
                _ = batch.ListLeftPushAsync(tally.LatencyKey, latencies, CommandFlags.FireAndForget);
                _ = batch.ListTrimAsync(tally.LatencyKey, 0, LatencyWindow - 1, CommandFlags.FireAndForget);
                _ = batch.HashIncrementAsync(tally.UsageKey, "calls", tally.Calls, CommandFlags.FireAndForget);
                _ = batch.HashIncrementAsync(hourKey, "calls", tally.Calls, CommandFlags.FireAndForget);
                _ = batch.HashIncrementAsync(hourKey, "ms", tally.Milliseconds, CommandFlags.FireAndForget);
                KeepAlive(batch, tally.LatencyKey, LatencyLifetime);
            }

            if (tally.Throttled > 0)
            {
                _ = batch.HashIncrementAsync(tally.UsageKey, "throttled", tally.Throttled, CommandFlags.FireAndForget);
            }

            if (tally.Failed > 0)
            {
                _ = batch.HashIncrementAsync(tally.UsageKey, "failed", tally.Failed, CommandFlags.FireAndForget);
            }

            if (tally.Credits > 0)
            {
                _ = batch.HashIncrementAsync(tally.UsageKey, "credits", tally.Credits, CommandFlags.FireAndForget);
                _ = batch.HashIncrementAsync(hourKey, "credits", tally.Credits, CommandFlags.FireAndForget);
            }

            KeepAlive(batch, tally.UsageKey, UsageLifetime);
            KeepAlive(batch, hourKey, HourLifetime);
        }
    }

    /// <summary>Sends what is pending; at shutdown too, so a worker that stops loses nothing it counted.</summary>
    public void Dispose()
    {
        _flush.Dispose();
        Flush();
    }

    private void Flush() => Send(_ => { });

    /// <summary>
    /// Sends what is pending with <paramref name="more"/> in one batch. The gate is held until the batch is on its way,
    /// so a completion that finds nothing pending cannot overtake the counts this send took from it.
    /// </summary>
    private void Send(Action<IBatch> more)
    {
        var batch = _redis.GetDatabase().CreateBatch();
        lock (_gate)
        {
            MoveTo(batch);
            more(batch);
            batch.Execute();
        }
    }

    /// <summary>The provider's tally for the current UTC hour; call under the gate.</summary>
    private Tally TallyOf(string provider)
    {
        var now = _clock.GetUtcNow();
        var hourKey = RedisKeys.UsageHour(provider, now);
        if (!_pending.TryGetValue(hourKey, out var tally))
        {
            tally = new Tally(RedisKeys.Usage(provider, DateOnly.FromDateTime(now.UtcDateTime)), RedisKeys.Latency(provider));
            _pending[hourKey] = tally;
        }

        return tally;
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
    private void KeepAlive(IBatch batch, string key, TimeSpan lifetime)
    {
        var now = _clock.GetTimestamp();
        if (_expiredAt.TryGetValue(key, out var last) && _clock.GetElapsedTime(last, now) < ExpireEvery)
        {
            return;
        }

        if (_expiredAt.Count > 1_000)
        {
            _expiredAt.Clear(); // a key per provider per day: forget old days now and then
        }

        _expiredAt[key] = now;
        _ = batch.KeyExpireAsync(key, lifetime, CommandFlags.FireAndForget);
    }

    /// <summary>
    /// A recurring poller's run: how many new items it found, and how often it runs (for the frequency rule). What
    /// the run counted goes with it, so its spend shows as soon as its run does.
    /// </summary>
    public void RecordPollerRun(string poller, int newItems, TimeSpan interval)
    {
        var key = RedisKeys.Poller(poller);
        Send(batch =>
        {
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
        });
    }

    /// <summary>A provider's calls and credits in one hour, not yet sent.</summary>
    private sealed class Tally(string usageKey, string latencyKey)
    {
        public string UsageKey { get; } = usageKey;

        public string LatencyKey { get; } = latencyKey;

        public List<long> Latencies { get; } = [];

        public long Calls { get; set; }

        public long Milliseconds { get; set; }

        public long Throttled { get; set; }

        public long Failed { get; set; }

        public double Credits { get; set; }
    }
}
