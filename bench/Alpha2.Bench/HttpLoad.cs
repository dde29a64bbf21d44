using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace Alpha2.Bench;

/// <summary>
/// One wrk measurement (<c>http --server S --route R --url URL --connections C …</c>): <c>--warm-seconds</c> of the
/// same load first, as .NET's tiered JIT needs seconds under load before a process runs at its steady rate, then
/// <c>--duration</c> seconds measured. The enqueue route posts a search no other request of the run uses
/// (bench/wrk/enqueue.lua), so every request really enqueues. With <c>--cpu-pids</c> it records each named process's
/// CPU per request; with <c>--redis</c> the EVALSHA calls Redis served meanwhile. Fails on any error or non-2xx.
/// </summary>
internal static class HttpLoad
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var server = args.Enum<Server>("--server");
        var route = args.Enum<Route>("--route");
        var url = args.Text("--url", "http://127.0.0.1:8080");
        var connections = args.Int("--connections", 32);
        var script = route == Route.Enqueue ? "bench/wrk/enqueue.lua" : "bench/wrk/report.lua";
        var warm = args.Int("--warm-seconds", 0);
        if (warm > 0)
        {
            await WrkAsync(script, connections, warm, url, "warm");
        }

        await using var redis = args.Text("--redis", "") is { Length: > 0 } address ? await ConnectionMultiplexer.ConnectAsync($"{address},allowAdmin=true") : null;
        var callsBefore = redis is null ? 0 : await ScriptCallsAsync(redis);
        var cpu = new ProcessCpu(args.Text("--cpu-pids", ""));
        cpu.Start();
        var summary = await WrkAsync(script, connections, args.Int("--duration", 10), url, "run");
        var run = new HttpRun(server, route, connections, summary.Rps, summary.P50Ms, summary.P99Ms, summary.Requests, summary.Errors + summary.HttpErrors)
        {
            Pair = args.OptionalInt("--pair"),
            CpuUsPerRequest = cpu.IsEmpty ? null : cpu.PerUnit(summary.Requests),
            ScriptCalls = redis is null ? null : await ScriptCallsAsync(redis) - callsBefore,
        };

        BenchResults.Append(args.Required("--results"), run);
        if (run.Errors > 0)
        {
            Console.Error.WriteLine($"{server} {route} c{connections} had {run.Errors} errors or non-2xx answers");
            return 1;
        }

        return 0;
    }

    /// <summary>Runs wrk with bench/wrk's reporting and reads the JSON it prints after <c>WRK </c>.</summary>
    private static async Task<WrkSummary> WrkAsync(string script, int connections, int seconds, string url, string runId)
    {
        var start = new ProcessStartInfo("wrk", ["-t2", $"-c{connections}", $"-d{seconds}s", "-s", script, url, "--", $"{runId}{Random.Shared.Next()}"])
        {
            RedirectStandardOutput = true,
        };
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("WRK ", StringComparison.Ordinal));
        if (wrk.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {output}");
        }

        return JsonSerializer.Deserialize(line["WRK ".Length..], BenchJson.Default.WrkSummary)
            ?? throw new InvalidDataException($"wrk's summary is empty: {line}");
    }

    /// <summary>EVALSHA calls Redis has served since its stats were last reset (INFO commandstats).</summary>
    private static async Task<long> ScriptCallsAsync(ConnectionMultiplexer redis)
    {
        var stats = await redis.GetServers()[0].InfoAsync("commandstats");
        var evalsha = stats.SelectMany(g => g).FirstOrDefault(kv => kv.Key == "cmdstat_evalsha").Value;
        // "calls=123,usec=456,…"
        return evalsha is null ? 0 : long.Parse(evalsha.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture);
    }
}
