using System.Globalization;

namespace Alpha2.Bench;

/// <summary>
/// The largest peak RSS (VmHWM) of running processes of one role (<c>rss --process ROLE --pids PID,…</c>); the report
/// keeps the largest recorded per role, so a role measured after each of several runs reports its worst.
/// </summary>
internal static class ProcessRss
{
    public static int Run(Arguments args)
    {
        var mib = args.Pids("--pids").Select(PeakKib).DefaultIfEmpty(0).Max() / 1024.0;
        BenchResults.Append(args.Required("--results"), new PeakRss(args.Text("--process", "process"), Math.Round(mib, 1)));
        return 0;
    }

    private static long PeakKib(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
