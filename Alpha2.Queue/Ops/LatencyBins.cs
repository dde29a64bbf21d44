using System.Globalization;
using StackExchange.Redis;

namespace Alpha2.Queue.Ops;

/// <summary>
/// Per-minute counts of waits and runs in log2 bins of milliseconds, as stats.lua writes them (<c>wait:&lt;b&gt;</c>,
/// <c>run:&lt;b&gt;</c>: bin b holds [2^b - 1, 2^(b+1) - 1) ms), merged over minutes; a percentile is its bin's geometric
/// middle, so it is within a factor of √2 of the truth.
/// </summary>
internal sealed class LatencyBins
{
    private readonly SortedDictionary<int, long> _wait = [];
    private readonly SortedDictionary<int, long> _run = [];

    public long Done { get; private set; }

    public long Failed { get; private set; }

    public void Add(HashEntry[] minute)
    {
        foreach (var entry in minute)
        {
            var name = entry.Name.ToString();
            var count = (long)entry.Value;
            if (name == "done")
            {
                Done += count;
            }
            else if (name == "failed")
            {
                Failed += count;
            }
            else if (Bin(name, "wait:") is { } wait)
            {
                _wait[wait] = _wait.GetValueOrDefault(wait) + count;
            }
            else if (Bin(name, "run:") is { } run)
            {
                _run[run] = _run.GetValueOrDefault(run) + count;
            }
        }
    }

    public double? WaitPercentile(double p) => Percentile(_wait, p);

    public double? RunPercentile(double p) => Percentile(_run, p);

    private static double? Percentile(SortedDictionary<int, long> bins, double p)
    {
        var total = bins.Values.Sum();
        var seen = 0L;
        foreach (var (bin, count) in bins)
        {
            seen += count;
            if (seen >= p * total)
            {
                return Math.Round(Math.Pow(2, bin + 0.5) - 1, 1);
            }
        }

        return null;
    }

    private static int? Bin(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal)
        && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bin)
            ? bin
            : null;
}
