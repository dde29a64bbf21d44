using System.Diagnostics;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using StackExchange.Redis;

namespace Alpha2.Bench;

/// <summary>Pushes ai-infer jobs straight into Redis through the product's own enqueue script, pipelined.</summary>
internal static class BenchJobs
{
    /// <summary>The same job for both workers: one short Gemini prompt that the stub answers at once.</summary>
    public static readonly byte[] AiPrompt = """{"provider":"gemini","model":"gemini-2.5-flash-lite","prompt":"bench","maxTokens":16}"""u8.ToArray();

    private const int InFlight = 2_000;

    /// <summary>Queues <paramref name="count"/> jobs with up to <see cref="InFlight"/> scripts on the wire at once; returns their ids.</summary>
    public static async Task<string[]> PushAsync(IConnectionMultiplexer redis, int count)
    {
        var queue = new JobQueue(redis, TimeProvider.System);
        var ids = new string[count];
        var window = new List<Task>(InFlight);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var slot = i;
            window.Add(PushOneAsync(queue, ids, slot));
            if (window.Count == InFlight)
            {
                await Task.WhenAll(window);
                window.Clear();
            }
        }

        await Task.WhenAll(window);
        Console.WriteLine($"pushed {count} jobs in {clock.Elapsed.TotalSeconds:0.00} s ({count / clock.Elapsed.TotalSeconds:0} jobs/s)");
        return ids;
    }

    private static async Task PushOneAsync(JobQueue queue, string[] ids, int slot) =>
        ids[slot] = await queue.EnqueueAsync(QueueNames.AiInfer, AiPrompt, CancellationToken.None);

    /// <summary>Jobs of the queue finished so far (done or failed); the janitor only prunes these after retention.</summary>
    public static Task<long> FinishedCountAsync(IDatabase db) => db.SortedSetLengthAsync(QueueKeys.Finished(QueueNames.AiInfer));
}
