using Alpha2.Contracts.Jobs;

namespace Alpha2.Contracts;

/// <summary>
/// The keys of the data the API and the worker share beside the job queue (the feed, the metrics panel, the AI spend,
/// rate windows, the CEX radar's tracking); the job protocol's own keys are <c>Alpha2.Queue.QueueKeys</c>. Nothing
/// else names a key; docs/redis-keys.md lists both.
/// </summary>
public static class RedisKeys
{
    // Cluster mode (docs/redis-keys.md): keys named after a queue carry its hash tag, so the enqueue script reaches a
    // share key and the feed's script its rows, order, symbol index and <queue>:latest in one slot; AI admission's
    // script reads a rate window and the day's spend together, so those two share the "limits" slot.
    private const string Limits = "limits";

    private static string Cex => KeyScheme.Tag(QueueNames.CexRadar);

    private static string Mints => KeyScheme.Tag(QueueNames.HeliusMints);

    /// <summary>String counter with a 2 s TTL: calls to a provider in one unix second, across all replicas.</summary>
    public static string RateWindow(string provider, long unixSecond) => KeyScheme.InGroup(Limits, $"ratelimit:{provider}:{unixSecond}");

    /// <summary>String counter, micro-USD spent (or reserved by running calls) on AI on one UTC day; TTL 2 days.</summary>
    public static string AiSpend(DateOnly utcDay) => KeyScheme.InGroup(Limits, $"spend:ai:{utcDay:yyyyMMdd}");

    /// <summary>
    /// Hash <c>model</c> → <see cref="AiInfer.AiQuotaBlock"/> JSON: models whose quota is used up until a time. Fields past
    /// their time are ignored; the key expires with its latest block.
    /// </summary>
    public static string AiQuotaBlocks => KeyScheme.InGroup(Limits, "ai:quota-blocks");

    /// <summary>String: the job id of the search for one normalised query; while it lives, identical searches share that job.</summary>
    public static string CexSearchShare(string normalizedQuery) => $"{Cex}:share:{normalizedQuery}";

    /// <summary>Sorted set mint → last searched unix ms: tokens whose social figures the refresher keeps fresh.</summary>
    public static string CexTracked => $"{Cex}:tracked";

    /// <summary>Hash of a tracked token: symbol, telegram (link), tw_1h, tg_online, refreshed_at. TTL = tracking window.</summary>
    public static string CexToken(string mint) => $"{Cex}:token:{mint}";

    /// <summary>Hash mint → its feed row JSON, as served. No TTL: trimmed to the feed's row cap with <see cref="MintOrder"/>.</summary>
    public static string MintRows => $"{Mints}:rows";

    /// <summary>Sorted set mint → create block time (unix s): the feed's order, newest last. Trimmed to the row cap.</summary>
    public static string MintOrder => $"{Mints}:order";

    /// <summary>String "blockTime|mint": the earliest indexed mint of a normalised symbol. TTL = the "original" window.</summary>
    public static string MintSymbol(string symbolKey) => $"{Mints}:symbol:{symbolKey}";

    /// <summary>String: the ingestion job of a create's signature; while it lives, the same create arriving again shares it. TTL 1 day.</summary>
    public static string MintCreateShare(string signature) => $"{Mints}:share:{signature}";

    /// <summary>String: the newest signature the poller has seen; the next poll pages back to it. No TTL (one key).</summary>
    public static string MintPollCursor => $"{Mints}:cursor";

    /// <summary>Sorted set mint → unix s when its next safety re-check is due; a claimed check moves it on by the claim timeout. Trimmed with the rows.</summary>
    public static string MintRecheckDue => $"{Mints}:recheck:due";

    /// <summary>Hash mint → <c>MintRecheck</c> JSON (ingested at, signing user): what a re-check needs beyond the row. Trimmed with the rows.</summary>
    public static string MintRecheckState => $"{Mints}:recheck:state";

    /// <summary>String counter: Helius credits the safety re-checks reserved in one UTC hour, across replicas. TTL 2 hours.</summary>
    public static string MintRecheckCredits(DateTimeOffset utcHour) => $"{Mints}:recheck:credits:{utcHour.UtcDateTime:yyyyMMddHH}";

    /// <summary>
    /// String: the newest create signature the log stream has seen (in the pump.fun mint authority's history); after a
    /// reconnect the gap fill lists creates back to it. No TTL (one key).
    /// </summary>
    public static string MintStreamCursor => $"{Mints}:stream-cursor";

    /// <summary>Hash source → unix ms: which source fed the list lately (websocket, poller), for the metrics panel. TTL 1 day.</summary>
    public static string MintSources => $"{Mints}:sources";

    /// <summary>Hash of one UTC day: <c>&lt;source&gt;:credits</c> a source spent finding creates, <c>&lt;source&gt;:creates</c> it queued. TTL 35 days.</summary>
    public static string MintSourceUsage(DateOnly day) => $"{Mints}:source-usage:{day:yyyy-MM-dd}";

    /// <summary>String: a mint's symbol from DAS, cached so whale rescans cost no DAS credits. TTL 1 day.</summary>
    public static string MintSymbolCache(string mint) => $"helius:symbol:{mint}";

    /// <summary>String: SOL's USD price from Birdeye, for valuing graduated tokens in SOL. TTL 60 s.</summary>
    public const string SolUsdPrice = "birdeye:price:sol";

    /// <summary>List of a provider's latest call latencies in ms, newest first, trimmed; the panel's median window.</summary>
    public static string Latency(string provider) => $"metrics:latency:{provider}";

    /// <summary>Hash of a provider's calls on one UTC day: calls, throttled (429), failed, credits (its billing unit). TTL 35 days.</summary>
    public static string Usage(string provider, DateOnly utcDay) => $"metrics:usage:{provider}:{utcDay:yyyyMMdd}";

    /// <summary>Hash of a provider's calls in one UTC hour: calls, ms (their summed latency), credits. TTL 25 hours.</summary>
    public static string UsageHour(string provider, DateTimeOffset utcHour) => $"metrics:hour:{provider}:{utcHour.UtcDateTime:yyyyMMddHH}";

    /// <summary>Hash of a recurring poller's recent runs: empty_streak, interval_seconds, runs. TTL 1 day.</summary>
    public static string Poller(string poller) => $"metrics:poller:{poller}";
}
