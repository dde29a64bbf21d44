namespace Alpha2.Bench;

/// <summary>A line of the report: which figure, which limit beside it, and the issue's target for the pair.</summary>
internal sealed record ReportRow(string Measure, string Figure, string Unit, string LimitLabel, string? Limit, Target Target);

/// <summary>The issue's targets, as checks on a figure or on its ratio to the limit.</summary>
internal sealed record Target(string Text, Func<double, double, bool>? Check)
{
    public static readonly Target None = new("—", null);

    public static Target RatioAtLeast(double ratio) => new($"≥ {ratio:0.00}×", (_, r) => r >= ratio);

    public static Target RatioAtMost(double ratio) => new($"≤ {ratio:0.00}×", (_, r) => r <= ratio);

    public static Target Below(double value, string unit) => new($"< {value} {unit}", (f, _) => f < value);

    /// <summary>Null when there is no target; false when a figure it needs is missing.</summary>
    public bool? IsMet(double figure, double ratio) =>
        Check is null ? null : !double.IsNaN(figure) && !double.IsNaN(ratio) && Check(figure, ratio);
}

internal static class ReportRows
{
    private const string RedisBench = "redis-benchmark, the enqueue's EVALSHA";
    private static readonly int[] ProcessCounts = [1, 2];
    private static readonly int[] Concurrencies = [1, 16, 64];

    public static IReadOnlyList<ReportRow> All { get; } =
    [
        .. Enqueue(32, Target.Below(5, "ms")),
        .. Enqueue(256, Target.None),
        new("GET /api/whales/top3, 32 conns", "api.get.top3.rps", "req/s", "static, same bytes", "static.get.top3.rps", Target.RatioAtLeast(0.8)),
        new("GET /api/helius/mints, 32 conns", "api.get.mints.rps", "req/s", "static, same bytes", "static.get.mints.rps", Target.RatioAtLeast(0.8)),
        .. Workers(),
        new("End to end POST → done, p50", "e2e.p50_ms", "ms", "one static POST, p50", "e2e.static_p50_ms", Target.Below(2, "ms")),
        new("End to end POST → done, p99", "e2e.p99_ms", "ms", "one static POST, p99", "e2e.static_p99_ms", Target.None),
        new("End to end, of which POST → 202 read, p50", "e2e.accepted_p50_ms", "ms", "one static POST, p50", "e2e.static_p50_ms", Target.None),
        new("API peak RSS under load", "rss.api_mib", "MiB", "static server", "rss.static_mib", Target.None),
        new("Worker peak RSS under load", "rss.worker_mib", "MiB", "BullMQ worker", "rss.bullmq_mib", Target.None),
        new("Redis used_memory, peak during {memory.jobs} jobs", "memory.peak_mib", "MiB", "before the jobs", "memory.before_mib", Target.None),
        new("Redis used_memory after {memory.jobs} jobs + retention", "memory.after_mib", "MiB", "before the jobs", "memory.before_mib", Target.RatioAtMost(1.1)),
    ];

    private static IEnumerable<ReportRow> Enqueue(int connections, Target p99)
    {
        var api = $"api.enqueue.c{connections}";
        var limit = $"static.post.c{connections}";
        yield return new($"POST /api/cex-radar/search, {connections} conns", $"{api}.rps", "req/s", $"{RedisBench}, {connections} clients", $"redis.enqueue.c{connections}.rps", Target.RatioAtLeast(0.5));
        yield return new($"POST /api/cex-radar/search, {connections} conns", $"{api}.rps", "req/s", "static 202", $"{limit}.rps", Target.None);
        yield return new($"POST /api/cex-radar/search, {connections} conns, p50", $"{api}.p50_ms", "ms", "static 202, p50", $"{limit}.p50_ms", Target.None);
        yield return new($"POST /api/cex-radar/search, {connections} conns, p99", $"{api}.p99_ms", "ms", "static 202, p99", $"{limit}.p99_ms", p99);
    }

    private static IEnumerable<ReportRow> Workers() =>
        from processes in ProcessCounts
        from concurrency in Concurrencies
        let key = $"worker.p{processes}.c{concurrency}"
        select new ReportRow(
            $"Worker ai-infer, {processes} process{(processes > 1 ? "es" : "")} × concurrency {concurrency}",
            $"{key}.alpha2", "jobs/s", "BullMQ, same jobs, stub and concurrency", $"{key}.bullmq", Target.RatioAtLeast(2));
}
