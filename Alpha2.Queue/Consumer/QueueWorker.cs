using Alpha2.Contracts.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Queue.Consumer;

/// <summary>
/// Runs one <see cref="QueueConsumer"/> per queue that has a handler. On SIGTERM it stops claiming, lets running
/// jobs finish until the host's shutdown timeout, gives back the rest, and leaves without a trace.
/// </summary>
internal sealed partial class QueueWorker(
    IEnumerable<QueueConsumer> consumers,
    Heartbeat heartbeat,
    JobStore store,
    IOptions<WorkerOptions> options,
    ILogger<QueueWorker> logger) : BackgroundService
{
    private readonly CancellationTokenSource _abort = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await JoinAsync(stoppingToken))
        {
            return;
        }

        LogStarted(options.Value.WorkerId, Queues);
        await Task.WhenAll(consumers.Select(c => Task.Run(() => c.RunAsync(stoppingToken, _abort.Token), CancellationToken.None)));

        foreach (var queue in QueueNames.All)
        {
            await store.ReturnAllAsync(queue, options.Value.WorkerId);
        }

        await heartbeat.LeaveAsync();
        LogStopped(options.Value.WorkerId);
    }

    /// <summary>The first heartbeat, retried while Redis is unreachable: a worker that starts before Redis waits for it.</summary>
    private async Task<bool> JoinAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await heartbeat.BeatAsync();
                return true;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogWaitingForRedis(exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        return false;
    }

    private string Queues => string.Join(", ", consumers.Select(c => c.Queue));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host cancels this token when its shutdown timeout runs out: then running jobs are cut off and requeued.
        await using var registration = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(CancellationToken.None);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} consuming {Queues}")]
    private partial void LogStarted(string workerId, string queues);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for Redis: {Reason}")]
    private partial void LogWaitingForRedis(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} stopped; nothing left in its processing lists")]
    private partial void LogStopped(string workerId);
}
