using System.Diagnostics;
using System.Globalization;
using Alpha2.Contracts.AiInfer;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using StackExchange.Redis;

namespace Alpha2.Bench;

/// <summary>
/// Redis memory before and after <c>--count</c> ai-infer jobs (pushed straight into Redis, pipelined) go through the
/// running workers with a short retention: once every job is done and retention has passed, memory should be back
/// where it started. Samples every second for the peak.
/// </summary>
internal static class RetentionMemory
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var results = args.Required("--results");
        var retention = TimeSpan.FromSeconds(args.Double("--retention-seconds", 18));
        var timeout = TimeSpan.FromSeconds(args.Int("--timeout", 900));
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{args.Text("--redis", "127.0.0.1:6379")},allowAdmin=true");
        var db = redis.GetDatabase();
        var server = redis.GetServers()[0];
        var before = await UsedMemoryAsync(server);
        var keysBefore = await server.DatabaseSizeAsync();

        var clock = Stopwatch.StartNew();
        var count = args.Int("--count", 1_000_000);
        await BenchJobs.PushAsync(redis, count, AiProviders.Gemini);
        var peak = before;
        while (!await DrainedAsync(db))
        {
            Ensure(clock.Elapsed < timeout, "the jobs were not all done in time");
            peak = Math.Max(peak, await UsedMemoryAsync(server));
            await Task.Delay(1_000);
        }

        var drained = clock.Elapsed;
        Console.WriteLine($"{count} jobs done in {drained.TotalSeconds:0} s ({count / drained.TotalSeconds:0} jobs/s); waiting out retention");
        // Retention, then the janitor's next passes; then until memory stops falling.
        await Task.Delay(retention + TimeSpan.FromSeconds(12));
        var after = await UsedMemoryAsync(server);
        for (var previous = double.MaxValue; after < previous * 0.99 && clock.Elapsed < timeout; after = await UsedMemoryAsync(server))
        {
            previous = after;
            await Task.Delay(3_000);
        }

        var statusLeft = await db.HashLengthAsync(QueueKeys.Status(QueueNames.AiInfer));
        Console.WriteLine($"keys {keysBefore} → {await server.DatabaseSizeAsync()}; {statusLeft} statuses left");
        BenchResults.Append(results, new RetentionRun(count, retention.TotalSeconds, Math.Round(before, 3), Math.Round(peak, 3), Math.Round(after, 3), statusLeft));
        return 0;
    }

    /// <summary>Nothing queued, delayed or held by any worker.</summary>
    private static async Task<bool> DrainedAsync(IDatabase db)
    {
        if (await db.ListLengthAsync(QueueKeys.Jobs(QueueNames.AiInfer)) > 0 || await db.SortedSetLengthAsync(QueueKeys.Delayed(QueueNames.AiInfer)) > 0)
        {
            return false;
        }

        foreach (var worker in await db.SetMembersAsync(QueueKeys.Workers))
        {
            if (await db.ListLengthAsync(QueueKeys.Processing(QueueNames.AiInfer, worker!)) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<double> UsedMemoryAsync(IServer server)
    {
        var memory = (await server.InfoAsync("memory")).SelectMany(g => g).First(kv => kv.Key == "used_memory").Value;
        return long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
    }

    private static void Ensure(bool condition, string message)
    {
        if (!condition)
        {
            throw new TimeoutException(message);
        }
    }
}
