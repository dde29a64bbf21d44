using System.Globalization;
using System.Text;

namespace Alpha2.Bench;

/// <summary>
/// The report of a run (<c>report --results FILE [--out FILE]</c>): the main table (each figure, the limit measured
/// beside it in the same run, their ratio, and whether the target is met, computed from the figures: a missing figure
/// is reported as not measured, never as met), then the worker runs' CPU per job against what the worker target allows.
/// </summary>
internal static class Report
{
    public static int Run(Arguments args)
    {
        var results = BenchResults.Read(args.Required("--results"));
        var text = new StringBuilder();
        if (results.Run is { } run)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Alpha2 benchmark, {run.At:yyyy-MM-dd HH:mm} UTC, commit {run.Commit}, {run.Machine}");
            text.AppendLine(CultureInfo.InvariantCulture, $"Settings: {run.Settings}");
            text.AppendLine();
        }

        MainTable(results, text);
        text.AppendLine();
        WorkerCpuTable(results, results.Run?.Cores ?? Environment.ProcessorCount, text);

        Console.Write(text);
        if (args.Text("--out", "") is { Length: > 0 } path)
        {
            File.WriteAllText(path, text.ToString());
        }

        return 0;
    }

    private static void MainTable(BenchResults results, StringBuilder text)
    {
        text.AppendLine("| measure | figure | limit (same run) | limit | ratio | target | met |");
        text.AppendLine("| --- | ---: | --- | ---: | ---: | --- | --- |");
        foreach (var row in ReportRows.For(results))
        {
            var met = row.Target.IsMet(row.Figure, row.Ratio);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Measure} | {Format(row.Figure)} {row.Unit} | {row.LimitLabel} | {Format(row.Limit)} | {Ratio(row.Ratio)} | {row.Target.Text} | {Met(met)} |");
        }

        var enqueues = (
            from connections in ReportRows.EnqueueConnections
            let redis = ReportRows.EnqueueAgainstRedis(results, connections)
            let p99 = ReportRows.EnqueueP99(results, connections)
            where redis is { Pairs: > 1 } && p99 is not null
            select $"{connections} conns: against redis-benchmark round {redis.Pair}, p99 round {p99.Pair} of {redis.Pairs}").ToList();
        AppendKept(text, "Enqueue: each row keeps the round (static, API, redis-benchmark) with the median of its measure", enqueues, "; ");

        var kept = new[] { Route.Top3, Route.Mints }
            .Select(route => (Route: route, Pair: results.MedianPair(route)))
            .Where(r => r.Pair is { Pairs: > 1 })
            .Select(r => $"{r.Route.ToString().ToLowerInvariant()} pair {r.Pair!.Pair} of {r.Pair.Pairs}")
            .ToList();
        AppendKept(text, "Reads: the static/API pair with the median ratio is kept", kept, ", ");

        var workers = (
            from provider in ReportRows.Providers
            from concurrency in ReportRows.Concurrencies
            let rate = results.MedianWorkerPair(provider, ReportRows.Processes, concurrency, run => run.JobsPerSecond)
            let cpu = results.MedianWorkerPair(provider, ReportRows.Processes, concurrency, run => run.WorkersCpuUsPerJob)
            where rate is { Pairs: > 1 } && cpu is not null
            select $"{ReportRows.WorkerLabel(provider, concurrency)}: jobs/s pair {rate.Pair} and CPU pair {cpu.Pair} of {rate.Pairs}").ToList();
        AppendKept(text, "Workers: each row keeps the BullMQ/Alpha2 pair with the median ratio of its measure; the CPU table below, the CPU row's pair", workers, "; ");
    }

    /// <summary>Which of several pairs or rounds the table kept, as a paragraph; nothing when each was run once.</summary>
    private static void AppendKept(StringBuilder text, string what, List<string> kept, string separator)
    {
        if (kept.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{what} ({string.Join(separator, kept)}).");
    }

    /// <summary>
    /// Every process shares the same cores, so the worker's rate target (<see cref="ReportRows.WorkerRateTarget"/> ×
    /// BullMQ's rate) allows the worker, Redis and the stub together at most cores / (target × BullMQ's jobs/s) of CPU
    /// per job. The least a job costs here is the floor's own CPU and the stub's per call plus the Redis CPU per job of
    /// the leaner of the two queues; what the budget leaves beyond it is all the queue's own work, Refit, Polly and
    /// JSON may spend.
    /// </summary>
    private static void WorkerCpuTable(BenchResults results, int cores, StringBuilder text)
    {
        var target = ReportRows.WorkerRateTarget.ToString("0.00", CultureInfo.InvariantCulture);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Worker CPU per job, µs as workers + Redis + stub, one worker process a side ({cores} cores shared by all; the budget at {target}× BullMQ is cores / ({target} × BullMQ's jobs/s)):");
        text.AppendLine();
        text.AppendLine($"| worker run | Alpha2 | BullMQ | floor (bare HttpClient + PING) | budget at {target}× BullMQ | least a job costs | left for queue, Refit, Polly, JSON |");
        text.AppendLine("| --- | --- | --- | --- | ---: | ---: | ---: |");
        foreach (var provider in ReportRows.Providers)
        {
            foreach (var concurrency in ReportRows.Concurrencies)
            {
                if (results.MedianWorkerPair(provider, ReportRows.Processes, concurrency, run => run.WorkersCpuUsPerJob) is not { } pair)
                {
                    continue;
                }

                var (alpha2, bullmq) = (pair.Figure, pair.Limit);
                var floor = results.Floor(provider, concurrency);
                var budget = cores * 1e6 / (ReportRows.WorkerRateTarget * bullmq.JobsPerSecond);
                var redis = Math.Min(Cpu(alpha2.CpuUsPerJob, CpuNames.Redis), Cpu(bullmq.CpuUsPerJob, CpuNames.Redis));
                var least = floor is null ? double.NaN : Cpu(floor.CpuUsPerCall, CpuNames.Self) + Cpu(floor.CpuUsPerCall, CpuNames.Stub) + redis;
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {ReportRows.WorkerLabel(provider, concurrency)} | {Side(alpha2)} | {Side(bullmq)} | {FloorCell(floor)} | {Whole(budget)} | {Whole(least)} | {Whole(budget - least)} |");
            }
        }
    }

    private static string Side(WorkerRun run) =>
        $"{Format(run.JobsPerSecond)} jobs/s; {Whole(run.WorkersCpuUsPerJob)} + {Whole(Cpu(run.CpuUsPerJob, CpuNames.Redis))} + {Whole(Cpu(run.CpuUsPerJob, CpuNames.Stub))}";

    private static string FloorCell(FloorRun? floor) => floor is null ? "—"
        : $"{Format(floor.CallsPerSecond)} calls/s; {Whole(Cpu(floor.CpuUsPerCall, CpuNames.Self))} + {Whole(Cpu(floor.CpuUsPerCall, CpuNames.Redis))} + {Whole(Cpu(floor.CpuUsPerCall, CpuNames.Stub))}";

    private static double Cpu(Dictionary<string, double>? perUnit, string name) =>
        perUnit is not null && perUnit.TryGetValue(name, out var value) ? value : double.NaN;

    public static string Format(double value) => double.IsNaN(value) ? "n/a"
        : value >= 100 ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Whole(double value) => double.IsNaN(value) ? "n/a" : value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Ratio(double ratio) => double.IsNaN(ratio) || double.IsInfinity(ratio) ? "—" : ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    private static string Met(bool? met) => met switch
    {
        true => "yes",
        false => "**no**",
        null => "—",
    };
}
