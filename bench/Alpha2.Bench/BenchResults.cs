using System.Text.Json;

namespace Alpha2.Bench;

/// <summary>
/// A run's results file: one <see cref="Measurement"/> per line as JSON, appended by each step, and the queries the
/// report and compare lines make of it (the last run of a kind wins, as a step run again replaces its figures).
/// </summary>
internal sealed class BenchResults(IReadOnlyList<Measurement> all)
{
    public static void Append(string path, Measurement measurement)
    {
        var line = JsonSerializer.Serialize(measurement, BenchJson.Default.Measurement);
        File.AppendAllText(path, line + "\n");
        Console.WriteLine(line);
    }

    public static BenchResults Read(string path) =>
        new(File.ReadLines(path)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize(line, BenchJson.Default.Measurement)
                ?? throw new InvalidDataException($"{path}: a null line"))
            .ToList());

    public IEnumerable<T> All<T>()
        where T : Measurement => all.OfType<T>();

    public RunInfo? Run => All<RunInfo>().LastOrDefault();

    /// <summary>
    /// Of the enqueue's rounds at <paramref name="connections"/> (the API's run beside <paramref name="limit"/>'s, the
    /// static 202 or redis-benchmark), the round whose <paramref name="measure"/> of the two is the median, as for the
    /// reads; runs without a round number are one round.
    /// </summary>
    public RunPair<HttpRun>? MedianEnqueuePair(int connections, Server limit, Func<HttpRun, HttpRun, double> measure) =>
        Median(
            All<HttpRun>().Where(r => r.Route == Route.Enqueue && r.Connections == connections).GroupBy(r => r.Pair ?? 0),
            run => run.Server == limit,
            run => run.Server == Server.Api,
            measure);

    /// <summary>
    /// Of the alternating static/API pairs of a read, the pair whose API/static ratio is the median (the lower middle
    /// for an even count): on a VM whose speed drifts from one minute to the next a single pair says little.
    /// </summary>
    public RunPair<HttpRun>? MedianPair(Route route) =>
        Median(
            All<HttpRun>().Where(r => r.Route == route && r.Pair is not null).GroupBy(r => r.Pair!.Value),
            run => run.Server == Server.Static,
            run => run.Server == Server.Api,
            (limit, figure) => figure.Rps / limit.Rps);

    /// <summary>
    /// Of the alternating BullMQ/Alpha2 pairs of one provider's path at one concurrency, the pair whose Alpha2/BullMQ
    /// ratio of <paramref name="measure"/> is the median, as for the reads; runs without a pair number are one pair.
    /// </summary>
    public RunPair<WorkerRun>? MedianWorkerPair(string provider, int processes, int concurrency, Func<WorkerRun, double> measure) =>
        Median(
            All<WorkerRun>()
                .Where(r => r.Provider == provider && r.Processes == processes && r.Concurrency == concurrency)
                .GroupBy(r => r.Pair ?? 0),
            run => run.System == QueueSystem.BullMQ,
            run => run.System == QueueSystem.Alpha2,
            (limit, figure) => measure(figure) / measure(limit));

    private static RunPair<T>? Median<T>(
        IEnumerable<IGrouping<int, T>> pairs, Func<T, bool> isLimit, Func<T, bool> isFigure, Func<T, T, double> ratio)
        where T : Measurement
    {
        var complete = pairs
            .Select(g => (Pair: g.Key, Limit: g.LastOrDefault(isLimit), Figure: g.LastOrDefault(isFigure)))
            .Where(p => p.Limit is not null && p.Figure is not null)
            .OrderBy(p => ratio(p.Limit!, p.Figure!))
            .ToList();
        if (complete.Count == 0)
        {
            return null;
        }

        var median = complete[(complete.Count + 1) / 2 - 1];
        return new(median.Limit!, median.Figure!, median.Pair, complete.Count);
    }

    public FloorRun? Floor(string provider, int concurrency) =>
        All<FloorRun>().LastOrDefault(r => r.Provider == provider && r.Concurrency == concurrency);

    public EndToEndRun? EndToEnd => All<EndToEndRun>().LastOrDefault();

    public RetentionRun? Retention => All<RetentionRun>().LastOrDefault();

    /// <summary>The largest peak RSS recorded for a role, in MiB; NaN when none was.</summary>
    public double PeakRssMib(string role) =>
        All<PeakRss>().Where(r => r.Process == role).Select(r => r.Mib).DefaultIfEmpty(double.NaN).Max();
}

/// <summary>One pair of alternating runs: the limit's and the figure's (static and API, BullMQ and Alpha2), the pair's
/// number and how many pairs there were.</summary>
internal sealed record RunPair<T>(T Limit, T Figure, int Pair, int Pairs)
    where T : Measurement;
