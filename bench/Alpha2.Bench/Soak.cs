using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using StackExchange.Redis;

namespace Alpha2.Bench;

/// <summary>
/// A steady mixed load (AI prompts, CEX searches, result and job reads) for a fixed time, sampling Redis memory and
/// the processes' RSS every 30 s, so one can see whether they level off once retention applies.
/// </summary>
internal static class Soak
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(Arguments args)
    {
        var options = new SoakOptions(
            new Uri(args.Text("--api", "http://127.0.0.1:8080")), args.Text("--redis", "127.0.0.1:6379"),
            args.Double("--minutes", 10), args.Int("--rate", 40), args.Pids("--pids"), args.Text("--out", "") is { Length: > 0 } path ? path : null);
        using var http = new HttpClient { BaseAddress = options.Api, Timeout = TimeSpan.FromSeconds(30) };
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{options.Redis},allowAdmin=true");
        var counts = new Counts();
        var samples = new List<string>();
        var clock = Stopwatch.StartNew();
        var duration = TimeSpan.FromMinutes(options.Minutes);
        var nextSample = TimeSpan.Zero;
        var sent = 0L;
        var inFlight = new List<Task>();

        while (clock.Elapsed < duration)
        {
            if (clock.Elapsed >= nextSample)
            {
                samples.Add(await SampleAsync(redis, options.Pids, clock.Elapsed, counts));
                Console.WriteLine(samples[^1]);
                nextSample += SampleEvery;
            }

            // Pace to the rate: the n-th request leaves at n / rate seconds.
            var due = TimeSpan.FromSeconds((double)sent / options.Rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            inFlight.Add(OneRequestAsync(http, sent++, counts));
            inFlight.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(inFlight);
        samples.Add(await SampleAsync(redis, options.Pids, clock.Elapsed, counts));
        var table = Table(options, samples);
        Console.WriteLine(table);
        if (options.Out is { } output)
        {
            await File.WriteAllTextAsync(output, table);
        }

        return counts.ServerErrors == 0 ? 0 : 1;
    }

    private static async Task OneRequestAsync(HttpClient http, long n, Counts counts)
    {
        try
        {
            using var response = (n % 5) switch
            {
                0 => await http.PostAsJsonAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash-lite", prompt = $"soak {n}", maxTokens = 32 }),
                1 => await http.PostAsJsonAsync("/api/cex-radar/search", new { query = $"T{n % 500}" }),
                2 => await http.GetAsync("/api/cex-radar/result"),
                3 => await http.GetAsync($"/api/jobs/ai-infer:{n}"),
                _ => await http.GetAsync("/api/metrics/latency-usage"),
            };
            counts.Add((int)response.StatusCode);
        }
        catch (HttpRequestException)
        {
            counts.Add(0);
        }
        catch (TaskCanceledException)
        {
            counts.Add(0);
        }
    }

    private static async Task<string> SampleAsync(ConnectionMultiplexer redis, int[] pids, TimeSpan at, Counts counts)
    {
        var server = redis.GetServers()[0];
        var memory = (await server.InfoAsync("memory")).SelectMany(g => g).First(kv => kv.Key == "used_memory").Value;
        var keys = await server.DatabaseSizeAsync();
        var rss = string.Join(" | ", pids.Select(pid => $"{Rss(pid) / 1024.0 / 1024.0:0.0}"));
        return FormattableString.Invariant(
            $"| {at.TotalMinutes:0.0} | {long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024.0:0.00} | {keys} | {rss} | {counts.Ok} | {counts.ClientErrors} | {counts.ServerErrors} |");
    }

    private static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string Table(SoakOptions options, List<string> samples)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Soak: {options.Minutes} min at {options.Rate} requests/s (AI prompts, CEX searches, result, job and metrics reads).");
        text.AppendLine();
        text.AppendLine("| minute | Redis used_memory MiB | Redis keys | " + string.Join(" | ", options.Pids.Select((_, i) => i == 0 ? "API RSS MiB" : "worker RSS MiB")) + " | 2xx | 4xx | 5xx or no answer |");
        text.AppendLine("| --- | --- | --- | " + string.Join(" | ", options.Pids.Select(_ => "---")) + " | --- | --- | --- |");
        samples.ForEach(s => text.AppendLine(s));
        return text.ToString();
    }

    private sealed record SoakOptions(Uri Api, string Redis, double Minutes, int Rate, int[] Pids, string? Out);

    private sealed class Counts
    {
        private long _ok;
        private long _client;
        private long _server;

        public long Ok => Interlocked.Read(ref _ok);

        public long ClientErrors => Interlocked.Read(ref _client);

        public long ServerErrors => Interlocked.Read(ref _server);

        public void Add(int status)
        {
            if (status is >= 200 and < 300)
            {
                Interlocked.Increment(ref _ok);
            }
            else if (status is >= 400 and < 500)
            {
                Interlocked.Increment(ref _client);
            }
            else
            {
                Interlocked.Increment(ref _server);
            }
        }
    }
}
