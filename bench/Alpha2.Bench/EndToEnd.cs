using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.AiInfer;
using Alpha2.Queue;
using StackExchange.Redis;

namespace Alpha2.Bench;

/// <summary>
/// Latency from sending <c>POST /api/ai/infer</c> to the job being done, at low load (one job at a time, paced), seen
/// where the UI's long-poll sees it: the worker's <c>jobs:finished</c> message; and the part of it until the 202 was
/// read. Beside it, the floor: the round trip of one POST to the static server, paced the same way.
/// </summary>
internal static class EndToEnd
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(10);

    public static async Task<int> RunAsync(Arguments args)
    {
        var count = args.Int("--count", 500);
        var results = args.Required("--results");
        using var api = new HttpClient { BaseAddress = new Uri(args.Text("--api", "http://127.0.0.1:8080")) };
        using var floor = new HttpClient { BaseAddress = new Uri(args.Text("--static", "http://127.0.0.1:9701")) };
        await using var redis = await ConnectionMultiplexer.ConnectAsync(args.Text("--redis", "127.0.0.1:6379"));
        var finished = new ConcurrentDictionary<string, TaskCompletionSource<long>>(StringComparer.Ordinal);
        var channel = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(QueueKeys.JobFinishedChannel));
        channel.OnMessage(message =>
        {
            var at = Stopwatch.GetTimestamp();
            finished.GetOrAdd(message.Message!, _ => NewSignal()).TrySetResult(at);
        });

        // The worker starts cold just before this run: as many jobs again warm it (and the API's POST path) first.
        var accepted = new List<long>(count);
        await MeasureAsync(count, () => PostAndWaitAsync(api, finished, accepted));
        accepted.Clear();
        var started = new List<long>(count);
        var endToEnd = await MeasureAsync(count, () => PostAndWaitAsync(api, finished, accepted), started);
        var untilAccepted = started.Zip(accepted, (from, to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds).ToArray();
        await MeasureAsync(count / 5, () => PostAsync(floor));
        var roundTrip = await MeasureAsync(count, () => PostAsync(floor));

        BenchResults.Append(results, new EndToEndRun(count, Percentile(endToEnd, 50), Percentile(endToEnd, 99),
            Percentile(untilAccepted, 50), Percentile(roundTrip, 50), Percentile(roundTrip, 99)));
        await channel.UnsubscribeAsync();
        return 0;
    }

    private static TaskCompletionSource<long> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Posts one prompt and waits for its job to finish; adds the moment its 202 was read to <paramref name="accepted"/>.</summary>
    private static async Task<long> PostAndWaitAsync(HttpClient api, ConcurrentDictionary<string, TaskCompletionSource<long>> finished, List<long> accepted)
    {
        using var response = await api.PostAsync("/api/ai/infer", Json(BenchJobs.AiPrompt(AiProviders.Gemini)));
        response.EnsureSuccessStatusCode();
        var jobId = (await response.Content.ReadFromJsonAsync(Alpha2Json.Default.JobAccepted))!.JobId;
        accepted.Add(Stopwatch.GetTimestamp());
        // The message may arrive before the 202 is read: whoever comes first creates the signal.
        var doneAt = await finished.GetOrAdd(jobId, _ => NewSignal()).Task.WaitAsync(TimeSpan.FromSeconds(10));
        finished.TryRemove(jobId, out _);
        return doneAt;
    }

    private static async Task<long> PostAsync(HttpClient server)
    {
        using var response = await server.PostAsync("/api/cex-radar/search", Json("""{"query":"OPTIMUS"}"""u8.ToArray()));
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
        return Stopwatch.GetTimestamp();
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    /// <summary>
    /// Runs <paramref name="operation"/> <paramref name="count"/> times, one at a time, <see cref="Pace"/> apart;
    /// latencies in ms. Each start goes to <paramref name="starts"/>, if given.
    /// </summary>
    private static async Task<double[]> MeasureAsync(int count, Func<Task<long>> operation, List<long>? starts = null)
    {
        var latencies = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            starts?.Add(started);
            var ended = await operation();
            latencies[i] = Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds;
            await Task.Delay(Pace);
        }

        return latencies;
    }

    /// <summary>The nearest-rank percentile, in ms to the microsecond.</summary>
    public static double Percentile(double[] values, int percentile)
    {
        var sorted = values.Order().ToArray();
        return Math.Round(sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)], 3);
    }
}
