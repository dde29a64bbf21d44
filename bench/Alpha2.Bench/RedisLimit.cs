using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Alpha2.Bench;

/// <summary>
/// redis-benchmark running exactly what one enqueue sends on its own: the API's own EVALSHA, caught with MONITOR while
/// it serves one POST, with the job's query and base id made random per call (so every call enqueues a new job, as
/// each bench POST does). Under load the API may put concurrent enqueues in one call; the limit stays at one job per
/// call, what Redis does for enqueues that arrive one at a time. The per-millisecond id counter keeps its captured
/// key, which makes the limit, if anything, a little higher than the API's own path.
/// </summary>
internal static class RedisLimit
{
    private const string Marker = "BENCHCAPTURE";

    public static async Task<int> RunAsync(Arguments args)
    {
        var (host, port) = HostPort(args.Text("--redis", "127.0.0.1:6379"));
        var command = await CaptureAsync(host, port, new Uri(args.Text("--api", "http://127.0.0.1:8080")));
        Console.WriteLine($"captured: {string.Join(' ', command)}");
        var requests = args.Int("--requests", 200_000);
        foreach (var clients in args.Text("--clients", "32,256").Split(','))
        {
            var csv = await RunToEndAsync("redis-benchmark",
                ["-h", host, "-p", port, "-c", clients, "-n", requests.ToString(CultureInfo.InvariantCulture), "-r", "1000000000", "--csv", .. command]);
            // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
            var row = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split("\",\"");
            double Column(int fromEnd) => double.Parse(row[^fromEnd], CultureInfo.InvariantCulture);
            BenchResults.Append(args.Required("--results"),
                new HttpRun(Server.RedisBenchmark, Route.Enqueue, int.Parse(clients, CultureInfo.InvariantCulture), Column(7), Column(4), Column(2), requests, 0)
                {
                    Pair = args.OptionalInt("--pair"),
                });
        }

        return 0;
    }

    private static async Task<string[]> CaptureAsync(string host, string port, Uri api)
    {
        using var http = new HttpClient { BaseAddress = api };
        // An API's first enqueue loads the script and sends it whole (EVAL); the one to capture is a later EVALSHA.
        using (var first = await SearchAsync(http, "BENCHWARMUP"))
        {
            first.EnsureSuccessStatusCode();
        }

        using var monitor = Process.Start(new ProcessStartInfo("redis-cli", ["-h", host, "-p", port, "monitor"]) { RedirectStandardOutput = true })!;
        await monitor.StandardOutput.ReadLineAsync(); // "OK": MONITOR is on
        using var response = await SearchAsync(http, Marker);
        var jobId = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("jobId").GetString()!;
        // The script's base id is the job id without the "-n" a busy millisecond adds.
        var baseId = System.Text.RegularExpressions.Regex.Replace(jobId, @"-\d+$", "");
        try
        {
            while (await monitor.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.Contains("\"EVALSHA\"", StringComparison.Ordinal) && line.Contains(Marker, StringComparison.Ordinal))
                {
                    return [.. MonitorLine.Arguments(line).Select(arg => arg == baseId ? "cex-radar:__rand_int__" : arg.Replace(Marker, "__rand_int__", StringComparison.Ordinal))];
                }
            }

            throw new InvalidOperationException("MONITOR ended before the enqueue's EVALSHA was seen.");
        }
        finally
        {
            monitor.Kill();
        }
    }

    private static async Task<HttpResponseMessage> SearchAsync(HttpClient http, string query)
    {
        using var body = new StringContent($$"""{"query":"{{query}}"}""", Encoding.UTF8, "application/json");
        return await http.PostAsync("/api/cex-radar/search", body);
    }

    private static async Task<string> RunToEndAsync(string file, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} failed: {output}");
    }

    private static (string Host, string Port) HostPort(string address)
    {
        var colon = address.LastIndexOf(':');
        return (address[..colon], address[(colon + 1)..]);
    }
}
