using Alpha2.Contracts.AiInfer;

namespace Alpha2.Bench;

/// <summary>A line of the report: a figure, the limit measured beside it in the same run, and the target for the pair.</summary>
internal sealed record ReportRow(string Measure, double Figure, string Unit, string LimitLabel, double Limit, Target Target)
{
    public double Ratio => Figure / Limit;
}

/// <summary>The targets, as checks on a figure or on its ratio to the limit.</summary>
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

/// <summary>The rows of the main table, from a run's results; a figure the run did not record is NaN ("n/a").</summary>
internal static class ReportRows
{
    /// <summary>The enqueue rows' connection counts, as bench/run.sh runs them.</summary>
    public static readonly int[] EnqueueConnections = [32, 256];

    /// <summary>The worker rows: each provider's path at each concurrency, one process a side (issue 21's table).</summary>
    public static readonly string[] Providers = [AiProviders.Gemini, AiProviders.Groq];

    public static readonly int[] Concurrencies = [16, 64];

    public const int Processes = 1;

    /// <summary>The worker's rate target: its jobs/s over BullMQ's in the same run (the CPU table's budget derives from it).</summary>
    public const double WorkerRateTarget = 1;

    /// <summary>The worker's CPU target: its process's CPU per job over BullMQ's worker process's in the same run.</summary>
    public const double WorkerCpuTarget = 1;

    private const string RedisBench = "redis-benchmark, the enqueue's EVALSHA";

    public static IReadOnlyList<ReportRow> For(BenchResults results)
    {
        var e2e = results.EndToEnd;
        var memory = results.Retention;
        var jobs = memory is null ? "n/a" : Report.Format(memory.Jobs);
        return
        [
            .. Enqueue(results, EnqueueConnections[0], Target.Below(5, "ms")),
            .. Enqueue(results, EnqueueConnections[1], Target.None),
            Read(results, Route.Top3, "GET /api/whales/top3, 32 conns"),
            Read(results, Route.Mints, "GET /api/helius/mints, 32 conns"),
            .. Workers(results),
            new("End to end POST → done, p50", e2e?.P50Ms ?? double.NaN, "ms", "one static POST, p50", e2e?.StaticP50Ms ?? double.NaN, Target.Below(2, "ms")),
            new("End to end POST → done, p99", e2e?.P99Ms ?? double.NaN, "ms", "one static POST, p99", e2e?.StaticP99Ms ?? double.NaN, Target.None),
            new("End to end, of which POST → 202 read, p50", e2e?.AcceptedP50Ms ?? double.NaN, "ms", "one static POST, p50", e2e?.StaticP50Ms ?? double.NaN, Target.None),
            new("API peak RSS under load", results.PeakRssMib(Roles.Api), "MiB", "static server", results.PeakRssMib(Roles.Static), Target.None),
            new("Worker peak RSS under load", results.PeakRssMib(Roles.Alpha2Worker), "MiB", "BullMQ worker", results.PeakRssMib(Roles.BullMQWorker), Target.None),
            new($"Redis used_memory, peak during {jobs} jobs", memory?.PeakMib ?? double.NaN, "MiB", "before the jobs", memory?.BeforeMib ?? double.NaN, Target.None),
            new($"Redis used_memory after {jobs} jobs + retention", memory?.AfterMib ?? double.NaN, "MiB", "before the jobs", memory?.BeforeMib ?? double.NaN, Target.RatioAtMost(1.1)),
        ];
    }

    public static string WorkerLabel(string provider, int concurrency) => $"{AiProviders.Display(provider)} path, concurrency {concurrency}";

    /// <summary>The enqueue's round kept for its rate against redis-benchmark's: the median ratio.</summary>
    public static RunPair<HttpRun>? EnqueueAgainstRedis(BenchResults results, int connections) =>
        results.MedianEnqueuePair(connections, Server.RedisBenchmark, (redis, api) => api.Rps / redis.Rps);

    /// <summary>The enqueue's round kept for its p99: the median of the API's p99s.</summary>
    public static RunPair<HttpRun>? EnqueueP99(BenchResults results, int connections) =>
        results.MedianEnqueuePair(connections, Server.Static, (_, api) => api.P99Ms);

    /// <summary>Each row from the enqueue's round with the median of its own measure.</summary>
    private static IEnumerable<ReportRow> Enqueue(BenchResults results, int connections, Target p99Target)
    {
        var redis = EnqueueAgainstRedis(results, connections);
        var rate = results.MedianEnqueuePair(connections, Server.Static, (limit, api) => api.Rps / limit.Rps);
        var p50 = results.MedianEnqueuePair(connections, Server.Static, (_, api) => api.P50Ms);
        var p99 = EnqueueP99(results, connections);
        var measure = $"POST /api/cex-radar/search, {connections} conns";
        yield return new(measure, redis?.Figure.Rps ?? double.NaN, "req/s", $"{RedisBench}, {connections} clients", redis?.Limit.Rps ?? double.NaN, Target.RatioAtLeast(0.5));
        yield return new(measure, rate?.Figure.Rps ?? double.NaN, "req/s", "static 202", rate?.Limit.Rps ?? double.NaN, Target.None);
        yield return new($"{measure}, p50", p50?.Figure.P50Ms ?? double.NaN, "ms", "static 202, p50", p50?.Limit.P50Ms ?? double.NaN, Target.None);
        yield return new($"{measure}, p99", p99?.Figure.P99Ms ?? double.NaN, "ms", "static 202, p99", p99?.Limit.P99Ms ?? double.NaN, p99Target);
    }

    private static ReportRow Read(BenchResults results, Route route, string measure)
    {
        var pair = results.MedianPair(route);
        return new(measure, pair?.Figure.Rps ?? double.NaN, "req/s", "static, same bytes", pair?.Limit.Rps ?? double.NaN, Target.RatioAtLeast(0.8));
    }

    /// <summary>The measure of each worker row: jobs/s, then the worker processes' CPU per job.</summary>
    private static readonly (string Suffix, string Unit, string LimitLabel, Func<WorkerRun, double> Of, Target Target)[] WorkerMeasures =
    [
        ("", "jobs/s", "BullMQ, same jobs, stub and concurrency", run => run.JobsPerSecond, Target.RatioAtLeast(WorkerRateTarget)),
        (", CPU per job", "µs", "BullMQ's worker process", run => run.WorkersCpuUsPerJob, Target.RatioAtMost(WorkerCpuTarget)),
    ];

    /// <summary>Per provider and concurrency, each measure from the pair whose Alpha2/BullMQ ratio of it is the median.</summary>
    private static IEnumerable<ReportRow> Workers(BenchResults results)
    {
        foreach (var provider in Providers)
        {
            foreach (var concurrency in Concurrencies)
            {
                foreach (var (suffix, unit, limitLabel, of, target) in WorkerMeasures)
                {
                    var pair = results.MedianWorkerPair(provider, Processes, concurrency, of);
                    yield return new($"Worker ai-infer, {WorkerLabel(provider, concurrency)}{suffix}", pair is null ? double.NaN : of(pair.Figure),
                        unit, limitLabel, pair is null ? double.NaN : of(pair.Limit), target);
                }
            }
        }
    }
}
