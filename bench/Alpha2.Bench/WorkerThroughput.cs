using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.AiInfer;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using StackExchange.Redis;

namespace Alpha2.Bench;

/// <summary>
/// Jobs/s of the worker processes already running (<c>--pids</c>) on one provider's path (<c>--provider gemini|groq</c>):
/// warm-up batches first (JIT, connections), then <c>--count</c> ai-infer jobs queued while the workers are paused (SIGSTOP), so the pushing does not compete with
/// the work, and drained once they go on (SIGCONT). The rate is read from the jobs' own timestamps (first claim to
/// last finish), as the BullMQ side reads processedOn and finishedOn, so both are timed the same way. Appends a
/// <see cref="WorkerRun"/>; with <c>--cpu-pids</c>, each named process's CPU per job from the moment the workers go on
/// to the last finish. Fails (exit 1, naming the first error) unless every timed job is done with an answer text: a
/// rate of jobs that failed fast would say nothing about the work.
/// </summary>
internal static class WorkerThroughput
{
    // The job hash's claim and finish times (unix ms), result and error (docs/redis-keys.md); the queue keeps its field
    // names internal.
    private static readonly RedisValue[] Fields = ["started_at", "finished_at", "result", "error"];

    public static async Task<int> RunAsync(Arguments args)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(args.Text("--redis", "127.0.0.1:6379"));
        var db = redis.GetDatabase();
        var timeout = TimeSpan.FromSeconds(args.Int("--timeout", 300));
        var pids = args.Text("--pids", "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var provider = args.Text("--provider", AiProviders.Gemini);
        // Warm-up batches until --warmup-seconds have passed: .NET's tiered JIT keeps recompiling hot code for
        // seconds after a fixed number of jobs would have stopped (V8 settles sooner; the BullMQ side warms the same).
        var warmFor = TimeSpan.FromSeconds(args.Int("--warmup-seconds", 0));
        var warming = Stopwatch.StartNew();
        do
        {
            await RunBatchAsync(redis, provider, args.Int("--warmup", 1_000), [], timeout);
        }
        while (warming.Elapsed < warmFor);

        var cpu = new ProcessCpu(args.Text("--cpu-pids", ""));
        var ids = await RunBatchAsync(redis, provider, args.Int("--count", 20_000), pids, timeout, cpu.Start);
        var perJob = cpu.PerUnit(ids.Length);

        var batch = db.CreateBatch();
        var jobs = ids.Select(id => batch.HashGetAsync(QueueKeys.Job(id), Fields)).ToArray();
        var statuses = ids.Chunk(1_000).Select(chunk => batch.HashGetAsync(QueueKeys.Status(QueueNames.AiInfer), chunk.Select(id => (RedisValue)id).ToArray())).ToArray();
        batch.Execute();
        var read = await Task.WhenAll(jobs);
        var done = (await Task.WhenAll(statuses)).SelectMany(s => s)
            .Zip(read, (status, job) => status == JobStatus.Done && HasText(job[2]))
            .Count(answered => answered);
        var firstClaim = read.Min(t => (long)t[0]);
        var lastFinish = read.Max(t => (long)t[1]);
        var jobsPerSecond = ids.Length * 1000.0 / Math.Max(1, lastFinish - firstClaim);

        Console.WriteLine($"{provider}: {done} of {ids.Length} done with a text in {lastFinish - firstClaim} ms: {jobsPerSecond:0} jobs/s");
        if (done < ids.Length)
        {
            var failed = read.FirstOrDefault(job => !HasText(job[2]));
            Console.Error.WriteLine($"{provider}: {ids.Length - done} jobs not done with a text; the first: error '{failed?[3]}', result '{failed?[2]}'");
        }

        BenchResults.Append(args.Required("--results"),
            new WorkerRun(QueueSystem.Alpha2, pids.Length, args.Int("--concurrency", 1), ids.Length, Math.Round(jobsPerSecond, 3), perJob, provider)
            {
                Pair = args.OptionalInt("--pair"),
            });
        return done == ids.Length ? 0 : 1;
    }

    private static bool HasText(RedisValue result) =>
        result.HasValue && JsonSerializer.Deserialize((byte[])result!, Alpha2Json.Default.AiInferResult) is { Text.Length: > 0 };

    private static async Task<string[]> RunBatchAsync(ConnectionMultiplexer redis, string provider, int count, string[] paused, TimeSpan timeout, Action? resumed = null)
    {
        var db = redis.GetDatabase();
        var before = await BenchJobs.FinishedCountAsync(db);
        await SignalAsync("STOP", paused);
        var ids = await BenchJobs.PushAsync(redis, count, provider);
        await SignalAsync("CONT", paused);
        resumed?.Invoke();
        using var deadline = new CancellationTokenSource(timeout);
        while (await BenchJobs.FinishedCountAsync(db) < before + count)
        {
            await Task.Delay(20, deadline.Token);
        }

        return ids;
    }

    private static async Task SignalAsync(string signal, string[] pids)
    {
        if (pids.Length > 0)
        {
            using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", .. pids]);
            await kill.WaitForExitAsync();
        }
    }
}
