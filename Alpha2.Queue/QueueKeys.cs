using Alpha2.Contracts;
using Alpha2.Contracts.Jobs;

namespace Alpha2.Queue;

/// <summary>
/// Every key and channel of the job protocol, and nothing else names one (docs/queue-protocol.md describes each).
/// The first two are the seed's main.py contract; the rest make the queue crash-safe and bounded. Every key of one queue
/// starts with <see cref="KeyScheme.Tag"/> of the queue: the queue's name, or in cluster mode its hash tag.
/// </summary>
public static class QueueKeys
{
    /// <summary>List of job JSON <c>{"id":…, payload…}</c>; API LPUSHes, workers BLMOVE from the right. No TTL: drained.</summary>
    public static string Jobs(string queue) => $"{KeyScheme.Tag(queue)}:jobs";

    /// <summary>Hash jobId → status (main.py's). Fields of finished jobs are pruned by the reaper after retention.</summary>
    public static string Status(string queue) => $"{KeyScheme.Tag(queue)}:status";

    /// <summary>Sorted set jobId → finished-at unix ms; the reaper prunes <see cref="Status"/> from it.</summary>
    public static string Finished(string queue) => $"{KeyScheme.Tag(queue)}:finished";

    /// <summary>List of one worker's claimed job JSON; requeued by the reaper when the worker's heartbeat expires.</summary>
    public static string Processing(string queue, string workerId) => $"{KeyScheme.Tag(queue)}:processing:{workerId}";

    /// <summary>
    /// List of at most one job JSON: where an idle worker's BLMOVE puts the job it waited for, for the claim script
    /// queued behind the BLMOVE to move on into <see cref="Processing"/>. Requeued with it.
    /// </summary>
    public static string Landing(string queue, string workerId) => $"{KeyScheme.Tag(queue)}:landing:{workerId}";

    /// <summary>Sorted set of job JSON → due unix ms: jobs waiting out a retry backoff. Drained by the reaper.</summary>
    public static string Delayed(string queue) => $"{KeyScheme.Tag(queue)}:delayed";

    /// <summary>Sorted set jobId → failed-at unix ms: the failed jobs still retained; pruned with <see cref="Finished"/>.</summary>
    public static string Failed(string queue) => $"{KeyScheme.Tag(queue)}:failed";

    /// <summary>String "1" while the queue is paused: no worker claims from it. No TTL: it lasts until resumed.</summary>
    public static string Paused(string queue) => $"{KeyScheme.Tag(queue)}:paused";

    /// <summary>
    /// Hash of one minute's finishes (unix minute): done, failed, and wait:&lt;bin&gt; / run:&lt;bin&gt; counts in log2 bins
    /// of milliseconds. TTL <see cref="StatsLifetime"/>: what the history can show.
    /// </summary>
    public static string Stats(string queue, long unixMinute) => StatsPrefix(queue) + unixMinute;

    /// <summary>The part of <see cref="Stats"/> before the minute, for the finish script that picks the minute.</summary>
    public static string StatsPrefix(string queue) => $"{KeyScheme.Tag(queue)}:stats:";

    /// <summary>How long a minute's stats live: a day of history and an hour's margin.</summary>
    public static readonly TimeSpan StatsLifetime = TimeSpan.FromHours(25);

    /// <summary>List of failed job JSON with their error, newest first, trimmed to a fixed length.</summary>
    public static string Dead(string queue) => $"{KeyScheme.Tag(queue)}:dead";

    /// <summary>String: the latest finished result of a queue, served by the feature's GET. TTL = retention.</summary>
    public static string Latest(string queue) => $"{KeyScheme.Tag(queue)}:latest";

    /// <summary>String counter with a 2 s TTL: jobs enqueued in one millisecond, to make ids unique.</summary>
    public static string IdSequence(string queue, long unixMs) => $"{KeyScheme.Tag(queue)}:ids:{unixMs}";

    /// <summary>
    /// Hash of one job: attempts, token (fencing), worker, timestamps, result, error. TTL = retention once finished. In
    /// cluster mode it carries its queue's tag (read from the id), as the scripts that touch it touch the queue's keys.
    /// </summary>
    public static string Job(string jobId) => JobPrefix(QueueNames.OfJob(jobId) ?? "") + jobId;

    /// <summary>
    /// The part of <see cref="Job"/> before the id, for the scripts that build a job's key from an id they read: in
    /// cluster mode it holds the queue's tag, so the key it makes is in the slot of the keys the script declared.
    /// </summary>
    public static string JobPrefix(string queue) =>
        KeyScheme.Mode == RedisKeyMode.Cluster && queue.Length > 0 ? $"{KeyScheme.Tag(queue)}:job:" : "job:";

    /// <summary>Set of worker ids that have ever claimed work and not yet been reaped.</summary>
    public const string Workers = "workers";

    /// <summary>
    /// Hash of a live worker: host, pid, queues, concurrency, busy, started_at, version. Rewritten with each heartbeat,
    /// same TTL as <see cref="Heartbeat"/>.
    /// </summary>
    public static string WorkerInfo(string workerId) => $"worker:{workerId}:info";

    /// <summary>String with a TTL: present while the worker is alive.</summary>
    public static string Heartbeat(string workerId) => $"worker:{workerId}:heartbeat";

    /// <summary>String with a TTL: the lock that makes one replica run a recurring task.</summary>
    public static string Lock(string task) => $"lock:{task}";

    /// <summary>Pub/sub channel: the worker publishes a job id when it finishes; the API's long-polls wait on it.</summary>
    public const string JobFinishedChannel = "jobs:finished";

    /// <summary>Pub/sub channel: whoever rewrites a <c>&lt;queue&gt;:latest</c> publishes the queue's name; the API drops its copy.</summary>
    public const string LatestChangedChannel = "results:latest-changed";
}
