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

    /// <summary>The single (unpaired) HTTP run of a server, route and connection count.</summary>
    public HttpRun? Http(Server server, Route route, int connections) =>
        All<HttpRun>().LastOrDefault(r => r.Server == server && r.Route == route && r.Connections == connections && r.Pair is null);

    /// <summary>
    /// Of the alternating static/API pairs of a read, the pair whose API/static ratio is the median (the lower middle
    /// for an even count): on a VM whose speed drifts from one minute to the next a single pair says little.
    /// </summary>
    public (HttpRun Static, HttpRun Api, int Pair, int Pairs)? MedianPair(Route route)
    {
        var pairs = All<HttpRun>()
            .Where(r => r.Route == route && r.Pair is not null)
            .GroupBy(r => r.Pair!.Value)
            .Select(g => (Pair: g.Key, Static: g.LastOrDefault(r => r.Server == Server.Static), Api: g.LastOrDefault(r => r.Server == Server.Api)))
            .Where(p => p.Static is not null && p.Api is not null)
            .OrderBy(p => p.Api!.Rps / p.Static!.Rps)
            .ToList();
        if (pairs.Count == 0)
        {
            return null;
        }

        var median = pairs[(pairs.Count + 1) / 2 - 1];
        return (median.Static!, median.Api!, median.Pair, pairs.Count);
    }

    public WorkerRun? Worker(QueueSystem system, string provider, int processes, int concurrency) =>
        All<WorkerRun>().LastOrDefault(r => r.System == system && r.Provider == provider && r.Processes == processes && r.Concurrency == concurrency);

    public FloorRun? Floor(string provider, int concurrency) =>
        All<FloorRun>().LastOrDefault(r => r.Provider == provider && r.Concurrency == concurrency);

    public EndToEndRun? EndToEnd => All<EndToEndRun>().LastOrDefault();

    public RetentionRun? Retention => All<RetentionRun>().LastOrDefault();

    /// <summary>The largest peak RSS recorded for a role, in MiB; NaN when none was.</summary>
    public double PeakRssMib(string role) =>
        All<PeakRss>().Where(r => r.Process == role).Select(r => r.Mib).DefaultIfEmpty(double.NaN).Max();
}
