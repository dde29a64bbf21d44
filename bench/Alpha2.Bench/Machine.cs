using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Alpha2.Bench;

/// <summary>
/// Records what a run ran on (<c>run-info --commit C --settings TEXT</c>): cores, CPU, memory, kernel and the versions
/// of everything measured, so the table it heads can be compared with another run's.
/// </summary>
internal static class Machine
{
    public static int Run(Arguments args)
    {
        var info = new RunInfo(DateTimeOffset.UtcNow, args.Text("--commit", "?"), Environment.ProcessorCount, Describe(), args.Text("--settings", ""));
        BenchResults.Append(args.Required("--results"), info);
        return 0;
    }

    private static string Describe()
    {
        var cpu = ProcField("/proc/cpuinfo", "model name") ?? "?";
        var memoryKib = long.Parse((ProcField("/proc/meminfo", "MemTotal") ?? "0 kB").Split(' ')[0], CultureInfo.InvariantCulture);
        var kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        var redis = FirstLine("redis-server", "--version").Split(' ').FirstOrDefault(w => w.StartsWith("v=", StringComparison.Ordinal))?[2..] ?? "?";
        return FormattableString.Invariant(
            $"{Environment.ProcessorCount} cores ({cpu}), {memoryKib / 1048576.0:0} GiB, Linux {kernel}, .NET {Environment.Version}, Redis {redis}, Node {FirstLine("node", "--version")}, BullMQ {BullMqVersion()}, {FirstLine("wrk", "-v").Split(" [")[0]}");
    }

    /// <summary>The value of the first <c>name: value</c> line of a /proc file.</summary>
    private static string? ProcField(string path, string name) =>
        File.ReadLines(path).Where(l => l.StartsWith(name, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault();

    private static string FirstLine(string file, string argument)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, [argument]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output.Split('\n')[0].Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private static string BullMqVersion()
    {
        const string path = "bench/bullmq/node_modules/bullmq/package.json";
        using var package = File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)) : null;
        return package?.RootElement.GetProperty("version").GetString() ?? "?";
    }
}
