using System.Diagnostics.Metrics;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using Alpha2.Queue.Consumer;
using StackExchange.Redis;

namespace Alpha2.Api.Infrastructure;

/// <summary>
/// Publishes every queue's depth as the gauge <c>alpha2.queue.depth</c> {state = queued | delayed | dead,
/// messaging.destination.name = queue}, read from Redis in one batch every <see cref="Interval"/>. While Redis is
/// down the gauge keeps the last values it read (docs/metrics.md).
/// </summary>
internal sealed partial class QueueDepthSampler : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly IConnectionMultiplexer _redis;
    private readonly TimeProvider _clock;
    private readonly ILogger<QueueDepthSampler> _logger;
    private volatile Measurement<long>[] _depths = [];

    public QueueDepthSampler(IConnectionMultiplexer redis, IMeterFactory meters, TimeProvider clock, ILogger<QueueDepthSampler> logger)
    {
        _redis = redis;
        _clock = clock;
        _logger = logger;
        meters.Create(ApiServiceExtensions.TelemetryName).CreateObservableGauge(
            "alpha2.queue.depth", () => _depths, "{job}", "Jobs in each queue by state: queued, delayed (waiting out a retry backoff), dead.");
    }

    /// <summary>One pass: LLEN jobs, ZCARD delayed and LLEN dead of every queue, in one round trip.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var batch = _redis.GetDatabase().CreateBatch();
        var reads = QueueNames.All.Select(queue => (
            Queue: queue,
            Queued: batch.ListLengthAsync(QueueKeys.Jobs(queue)),
            Delayed: batch.SortedSetLengthAsync(QueueKeys.Delayed(queue)),
            Dead: batch.ListLengthAsync(QueueKeys.Dead(queue)))).ToArray();
        batch.Execute();
        // Every reply awaited together: when Redis is down, none of the failures goes unobserved.
        await Task.WhenAll(reads.SelectMany(read => new Task[] { read.Queued, read.Delayed, read.Dead })).WaitAsync(cancellationToken);

        var depths = new List<Measurement<long>>(reads.Length * 3);
        foreach (var read in reads)
        {
            depths.Add(Depth(read.Queue, "queued", await read.Queued));
            depths.Add(Depth(read.Queue, "delayed", await read.Delayed));
            depths.Add(Depth(read.Queue, "dead", await read.Dead));
        }

        _depths = [.. depths];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                // Redis down or slow: the 503s and the readiness check say so; the gauge keeps its last values.
                LogSkipped(exception.Message);
            }
        }
        while (await timer.TickAsync(stoppingToken));
    }

    private static Measurement<long> Depth(string queue, string state, long value) =>
        new(value, new KeyValuePair<string, object?>("messaging.destination.name", queue), new KeyValuePair<string, object?>("state", state));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue depths not read: {Reason}")]
    private partial void LogSkipped(string reason);
}
