using System.Globalization;
using System.Text;

namespace Alpha2.Bench;

/// <summary>
/// One side of one round of bench/compare.sh as a line (<c>compare-line MODE --results FILE --label TEXT</c>), from the
/// results that side's runs appended: the rate beside the CPU it cost, which the VM's drifting speed sways less.
/// </summary>
internal static class CompareLine
{
    public static int Run(string mode, Arguments args)
    {
        var results = BenchResults.Read(args.Required("--results"));
        var line = new StringBuilder(args.Text("--label", ""));
        switch (mode)
        {
            case "api":
                foreach (var run in results.All<HttpRun>().Where(r => r.Server == Server.Api && r.Route == Route.Enqueue))
                {
                    line.Append(CultureInfo.InvariantCulture,
                        $"  c{run.Connections} {run.Rps,6:0} req/s, API {Cpu(run, CpuNames.Api),3:0} µs, Redis {Cpu(run, CpuNames.Redis),3:0} µs per POST, {JobsPerCall(run),4:0.0} jobs per call");
                }

                break;
            case "read":
                foreach (var run in results.All<HttpRun>().Where(r => r.Server == Server.Api && r.Route == Route.Job))
                {
                    line.Append(CultureInfo.InvariantCulture,
                        $"  {run.Rps,6:0} req/s, p99 {run.P99Ms:0.00} ms, API {Cpu(run, CpuNames.Api),3:0} µs per GET");
                }

                break;
            case "e2e":
                if (results.EndToEnd is { } e2e)
                {
                    line.Append(CultureInfo.InvariantCulture,
                        $"  e2e p50 {e2e.P50Ms:0.00} ms, p99 {e2e.P99Ms:0.00} ms; until the 202 p50 {e2e.AcceptedP50Ms:0.00} ms; static POST p50 {e2e.StaticP50Ms:0.00} ms");
                }

                break;
            case "worker":
                foreach (var run in results.All<WorkerRun>())
                {
                    line.Append(CultureInfo.InvariantCulture, $"  {run.Provider} c{run.Concurrency} {run.JobsPerSecond,6:0} jobs/s {run.WorkersCpuUsPerJob,4:0} µs");
                }

                break;
            default:
                Console.Error.WriteLine($"compare-line: unknown mode '{mode}' (api, e2e, read or worker)");
                return 2;
        }

        Console.WriteLine(line);
        return 0;
    }

    private static double Cpu(HttpRun run, string name) =>
        run.CpuUsPerRequest is { } cpu && cpu.TryGetValue(name, out var value) ? value : double.NaN;

    private static double JobsPerCall(HttpRun run) => run.ScriptCalls is > 0 ? (double)run.Requests / run.ScriptCalls.Value : double.NaN;
}
