using Alpha2.Contracts.Jobs;
using Alpha2.Queue.Scripts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Queue.Consumer;

/// <summary>
/// The queue's housekeeping, run by one replica at a time: returns the jobs of workers whose heartbeat lapsed,
/// moves retries whose backoff is over back onto their queue, and prunes statuses past retention.
/// </summary>
internal sealed partial class Reaper(
    IConnectionMultiplexer redis,
    JobStore store,
    Lease leases,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<Reaper> logger) : BackgroundService
{
    private const int PruneBatchSize = 1_000;
    private const int MaxPruneBatchesPerPass = 200;

    private readonly WorkerOptions _options = options.Value;

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var lease = TimeSpan.FromSeconds(_options.ReaperSeconds * 3);
        if (!await leases.TryAcquireAsync("reaper", _options.WorkerId, lease))
        {
            return;
        }

        var db = redis.GetDatabase();
        foreach (var worker in await db.SetMembersAsync(QueueKeys.Workers))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await db.KeyExistsAsync(QueueKeys.Heartbeat(worker!)))
            {
                continue;
            }

            foreach (var queue in QueueNames.All)
            {
                if (await store.ReturnAllAsync(queue, worker!) is var returned and > 0)
                {
                    LogReturned(returned, queue, worker!);
                }
            }

            await db.SetRemoveAsync(QueueKeys.Workers, worker);
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var cutoff = now - (long)_options.Retention.TotalMilliseconds;
        foreach (var queue in QueueNames.All)
        {
            await db.ScriptEvaluateAsync(QueueScripts.PromoteDue, new { delayed = (RedisKey)QueueKeys.Delayed(queue), jobs = (RedisKey)QueueKeys.Jobs(queue), now });
            await PruneFinishedAsync(db, queue, cutoff, cancellationToken);
        }
    }

    /// <summary>
    /// Prunes in batches until no status past retention is left, so the status hash keeps up with thousands of jobs a
    /// second; each batch is short, so Redis never blocks for long. A pass stops after a cap; the next one goes on.
    /// </summary>
    private static async Task PruneFinishedAsync(IDatabase db, string queue, long cutoff, CancellationToken cancellationToken)
    {
        for (var batch = 0; batch < MaxPruneBatchesPerPass; batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pruned = (int)await db.ScriptEvaluateAsync(QueueScripts.PruneFinished, new
            {
                finished = (RedisKey)QueueKeys.Finished(queue),
                failed = (RedisKey)QueueKeys.Failed(queue),
                status = (RedisKey)QueueKeys.Status(queue),
                cutoff,
                limit = PruneBatchSize,
            });
            if (pruned < PruneBatchSize)
            {
                return;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.ReaperSeconds), clock);
        while (await timer.TickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogFailed(exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Returned {Count} jobs of {Queue} from dead worker {Worker}")]
    private partial void LogReturned(int count, string queue, string worker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reaper pass failed: {Reason}")]
    private partial void LogFailed(string reason);
}
