namespace Alpha2.Contracts.Jobs;

/// <summary>
/// Every Redis key and channel Alpha2 uses, and nothing else names one (docs/redis-keys.md mirrors this file).
/// The first two are the seed's main.py contract; the rest make the queue crash-safe and bounded.
/// </summary>
public static class RedisKeys
{
    /// <summary>List of job JSON <c>{"id":…, payload…}</c>; API LPUSHes, workers BLMOVE from the right. No TTL: drained.</summary>
    public static string Jobs(string queue) => $"{queue}:jobs";

    /// <summary>Hash jobId → status (main.py's). Fields of finished jobs are pruned by the janitor after retention.</summary>
    public static string Status(string queue) => $"{queue}:status";

    /// <summary>Sorted set jobId → finished-at unix ms; the janitor prunes <see cref="Status"/> from it.</summary>
    public static string Finished(string queue) => $"{queue}:finished";

    /// <summary>List of one worker's claimed job JSON; requeued by the reaper when the worker's heartbeat expires.</summary>
    public static string Processing(string queue, string workerId) => $"{queue}:processing:{workerId}";

    /// <summary>
    /// List of at most one job JSON: where an idle worker's BLMOVE puts the job it waited for, for the claim script
    /// queued behind the BLMOVE to move on into <see cref="Processing"/>. Requeued with it.
    /// </summary>
    public static string Landing(string queue, string workerId) => $"{queue}:landing:{workerId}";

    /// <summary>Sorted set of job JSON → due unix ms: jobs waiting out a retry backoff. Drained by the reaper.</summary>
    public static string Delayed(string queue) => $"{queue}:delayed";

    /// <summary>List of failed job JSON with their error, newest first, trimmed to a fixed length.</summary>
    public static string Dead(string queue) => $"{queue}:dead";

    /// <summary>String: the latest finished result of a queue, served by the feature's GET. TTL = retention.</summary>
    public static string Latest(string queue) => $"{queue}:latest";

    /// <summary>String counter with a 2 s TTL: jobs enqueued in one millisecond, to make ids unique.</summary>
    public static string IdSequence(string queue, long unixMs) => $"{queue}:ids:{unixMs}";

    /// <summary>Hash of one job: attempts, token (fencing), worker, timestamps, result, error. TTL = retention once finished.</summary>
    public static string Job(string jobId) => $"job:{jobId}";

    /// <summary>Set of worker ids that have ever claimed work and not yet been reaped.</summary>
    public const string Workers = "workers";

    /// <summary>String with a TTL: present while the worker is alive.</summary>
    public static string Heartbeat(string workerId) => $"worker:{workerId}:heartbeat";

    /// <summary>String with a TTL: the lock that makes one replica run a recurring task.</summary>
    public static string Lock(string task) => $"lock:{task}";

    /// <summary>String counter with a 2 s TTL: calls to a provider in one unix second, across all replicas.</summary>
    public static string RateWindow(string provider, long unixSecond) => $"ratelimit:{provider}:{unixSecond}";

    /// <summary>String counter, micro-USD spent (or reserved by running calls) on AI on one UTC day; TTL 2 days.</summary>
    public static string AiSpend(DateOnly utcDay) => $"spend:ai:{utcDay:yyyyMMdd}";

    /// <summary>String: the job id of the search for one normalised query; while it lives, identical searches share that job.</summary>
    public static string CexSearchShare(string normalizedQuery) => $"cex-radar:share:{normalizedQuery}";

    /// <summary>Sorted set mint → last searched unix ms: tokens whose social figures the refresher keeps fresh.</summary>
    public const string CexTracked = "cex-radar:tracked";

    /// <summary>Hash of a tracked token: symbol, telegram (link), tw_1h, tg_online, refreshed_at. TTL = tracking window.</summary>
    public static string CexToken(string mint) => $"cex-radar:token:{mint}";

    /// <summary>Hash mint → its feed row JSON, as served. No TTL: trimmed to the feed's row cap with <see cref="MintOrder"/>.</summary>
    public const string MintRows = "helius-mints:rows";

    /// <summary>Sorted set mint → create block time (unix s): the feed's order, newest last. Trimmed to the row cap.</summary>
    public const string MintOrder = "helius-mints:order";

    /// <summary>String "blockTime|mint": the earliest indexed mint of a normalised symbol. TTL = the "original" window.</summary>
    public static string MintSymbol(string symbolKey) => $"helius-mints:symbol:{symbolKey}";

    /// <summary>String: the ingestion job of a create's signature; while it lives, the same create arriving again shares it. TTL 1 day.</summary>
    public static string MintCreateShare(string signature) => $"helius-mints:share:{signature}";

    /// <summary>String: the newest signature the poller has seen; the next poll pages back to it. No TTL (one key).</summary>
    public const string MintPollCursor = "helius-mints:cursor";

    /// <summary>String: a mint's symbol from DAS, cached so whale rescans cost no DAS credits. TTL 1 day.</summary>
    public static string MintSymbolCache(string mint) => $"helius:symbol:{mint}";

    /// <summary>String: SOL's USD price from Birdeye, for valuing graduated tokens in SOL. TTL 60 s.</summary>
    public const string SolUsdPrice = "birdeye:price:sol";

    /// <summary>List of a provider's latest call latencies in ms, newest first, trimmed; the panel's median window.</summary>
    public static string Latency(string provider) => $"metrics:latency:{provider}";

    /// <summary>Hash of a provider's calls on one UTC day: calls, throttled (429), failed, credits (its billing unit). TTL 35 days.</summary>
    public static string Usage(string provider, DateOnly utcDay) => $"metrics:usage:{provider}:{utcDay:yyyyMMdd}";

    /// <summary>Hash of a recurring poller's recent runs: empty_streak, interval_seconds, runs. TTL 1 day.</summary>
    public static string Poller(string poller) => $"metrics:poller:{poller}";

    /// <summary>Pub/sub channel: the worker publishes a job id when it finishes; the API's long-polls wait on it.</summary>
    public const string JobFinishedChannel = "jobs:finished";

    /// <summary>Pub/sub channel: whoever rewrites a <c>&lt;queue&gt;:latest</c> publishes the queue's name; the API drops its copy.</summary>
    public const string LatestChangedChannel = "results:latest-changed";
}
