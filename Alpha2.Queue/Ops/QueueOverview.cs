using Alpha2.Contracts.Jobs;
using Alpha2.Contracts.Ops;
using StackExchange.Redis;

namespace Alpha2.Queue.Ops;

/// <summary>
/// What an operator sees of each queue: exact counts read in one pipelined batch, and throughput and latency from the
/// per-minute stats the finish script keeps (docs/operations.md says what each call costs Redis).
/// </summary>
public sealed class QueueOverview(IConnectionMultiplexer redis, WorkerDirectory workers, TimeProvider clock)
{
    /// <summary>The longest history asked for at once: a day, as long as a minute's stats live.</summary>
    public const int MaxHistoryMinutes = 1440;

    private const int HourMinutes = 60;

    public async Task<IReadOnlyList<QueueSnapshot>> SnapshotAsync()
    {
        var db = redis.GetDatabase();
        var live = await workers.ListAsync();
        var now = clock.GetUtcNow();
        var thisMinute = now.ToUnixTimeSeconds() / 60;
        var batch = db.CreateBatch();
        var reads = QueueNames.All.Select(queue => new
        {
            Queue = queue,
            Waiting = batch.ListLengthAsync(QueueKeys.Jobs(queue)),
            Delayed = batch.SortedSetLengthAsync(QueueKeys.Delayed(queue)),
            Held = live.Select(w => batch.ListLengthAsync(QueueKeys.Processing(queue, w.Id))).ToArray(),
            Failed = batch.SortedSetLengthAsync(QueueKeys.Failed(queue)),
            Dead = batch.ListLengthAsync(QueueKeys.Dead(queue)),
            Paused = batch.KeyExistsAsync(QueueKeys.Paused(queue)),
            Oldest = batch.ListGetByIndexAsync(QueueKeys.Jobs(queue), -1),
            Hour = Enumerable.Range(0, HourMinutes).Select(back => batch.HashGetAllAsync(QueueKeys.Stats(queue, thisMinute - back))).ToArray(),
        }).ToArray();
        batch.Execute();

        var snapshots = new List<QueueSnapshot>();
        foreach (var read in reads)
        {
            var hour = new LatencyBins();
            foreach (var minute in read.Hour)
            {
                hour.Add(await minute);
            }

            long processing = 0;
            foreach (var held in read.Held)
            {
                processing += await held;
            }

            snapshots.Add(new QueueSnapshot(
                read.Queue,
                await read.Waiting + await read.Delayed,
                processing,
                await read.Failed,
                await read.Dead,
                hour.Done,
                hour.Failed,
                await read.Paused,
                live.Count(w => w.Queues.Contains(read.Queue)),
                (await read.Oldest) is { IsNull: false } oldest && JobIds.Of(oldest.ToString()) is { } oldestId && JobIds.EnqueuedAt(oldestId) is { } enqueued ? Math.Round(Math.Max(0, (now - enqueued).TotalSeconds), 1) : null,
                hour.WaitPercentile(0.5),
                hour.WaitPercentile(0.95),
                hour.RunPercentile(0.5),
                hour.RunPercentile(0.95)));
        }

        return snapshots;
    }

    /// <summary>The last <paramref name="minutes"/> minutes of <paramref name="queue"/>, oldest first, this one last.</summary>
    public async Task<IReadOnlyList<QueueMinute>> HistoryAsync(string queue, int minutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minutes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minutes, MaxHistoryMinutes);
        var thisMinute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        var batch = redis.GetDatabase().CreateBatch();
        var reads = Enumerable.Range(0, minutes)
            .Select(back => thisMinute - (minutes - 1) + back)
            .Select(minute => (Minute: minute, Stats: batch.HashGetAllAsync(QueueKeys.Stats(queue, minute))))
            .ToArray();
        batch.Execute();

        var history = new List<QueueMinute>(minutes);
        foreach (var (minute, stats) in reads)
        {
            var bins = new LatencyBins();
            bins.Add(await stats);
            history.Add(new QueueMinute(minute * 60, bins.Done, bins.Failed, bins.WaitPercentile(0.5), bins.RunPercentile(0.5)));
        }

        return history;
    }
}
